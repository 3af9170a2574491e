import type { FieldProblem } from '../../errors.js';
import { LISTING_LIMITS, pictureProblems } from '../../domain/listings.js';
import { offeredCodesOf } from '../../reference/desiredRegions.js';
import { ListingInput } from '../../services/inputs.js';
import type { LocalGovernmentDetail } from '../../services/registry.js';
import { problemsFromZod } from '../../errors.js';

/**
 * The listing form: its fields are named after the paths of ListingInput ("outline.en",
 * "links[0].url"), so that a problem the schema finds lands next to the field that caused it.
 */

/** What the form shows: every field as typed, as text. */
export type ListingFormValues = Record<string, string | string[]>;

/** How many link rows the form offers at least. */
export const LINK_ROWS = 3;

type FormBody = Record<string, string | File | (string | File)[]>;

const text = (body: FormBody, name: string): string => {
  const value = body[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : '';
};

const list = (body: FormBody, name: string): string[] => {
  const value = body[name] ?? body[`${name}[]`];
  return (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter((item): item is string => typeof item === 'string');
};

/**
 * A number as people type it: "39,019", "39 019" and "243.54" are fine; empty is null. Commas and
 * spaces only group thousands, so "243,54" (a decimal comma) is refused rather than read as 24354.
 */
function numberOf(typed: string, field: string, problems: FieldProblem[], whole: boolean): number | null {
  const trimmed = typed.trim();
  if (!trimmed) return null;
  const fraction = whole ? '' : '(\\.\\d+)?';
  const pattern = new RegExp(`^(\\d{1,3}([,\\s_]\\d{3})+|\\d+)${fraction}$`);
  if (!pattern.test(trimmed)) {
    problems.push({ field, message: whole ? 'write a whole number, such as 39019 or 39,019' : 'write a number with a decimal point, such as 243.54' });
    return null;
  }
  return Number(trimmed.replace(/[,\s_]/g, ''));
}

/** Reads the posted form into a listing's input, or the problems field by field; the values always come back to refill the form. */
export function readListingForm(body: FormBody): { values: ListingFormValues; input?: ListingInput; problems: FieldProblem[] } {
  const values: ListingFormValues = {};
  for (const name of ['population', 'populationAsOf', 'areaKm2', 'outline.en', 'outline.ja', 'characteristics.en', 'characteristics.ja', 'pr.en', 'pr.ja', 'contact.name', 'contact.email', 'contact.phone']) {
    values[name] = text(body, name);
  }
  values.desiredRegions = list(body, 'desiredRegions');
  values.fields = list(body, 'fields');
  const links: { url: string; label: string }[] = [];
  for (let row = 0; row < LISTING_LIMITS.links; row++) {
    const url = text(body, `links[${row}].url`).trim();
    const label = text(body, `links[${row}].label`).trim();
    values[`links[${row}].url`] = url;
    values[`links[${row}].label`] = label;
    if (url || label) links.push({ url, label });
  }

  const problems: FieldProblem[] = [];
  const population = numberOf(String(values.population), 'population', problems, true);
  const areaKm2 = numberOf(String(values.areaKm2), 'areaKm2', problems, false);
  const parsed = ListingInput.safeParse({
    population,
    populationAsOf: String(values.populationAsOf).trim() || null,
    areaKm2,
    desiredRegions: values.desiredRegions,
    fields: values.fields,
    outline: { en: values['outline.en'], ja: values['outline.ja'] },
    characteristics: { en: values['characteristics.en'], ja: values['characteristics.ja'] },
    pr: { en: values['pr.en'], ja: values['pr.ja'] },
    // Rows are renumbered without the empty ones; a problem's row is the row as typed.
    links,
    contact: { name: values['contact.name'], email: String(values['contact.email']).trim(), phone: values['contact.phone'] },
  });
  if (!parsed.success) {
    const typedRows = [...Array(LISTING_LIMITS.links).keys()].filter((row) => values[`links[${row}].url`] || values[`links[${row}].label`]);
    for (const problem of problemsFromZod(parsed.error)) {
      const field = problem.field.replace(/^links\[(\d+)\]/, (_, index: string) => `links[${typedRows[Number(index)] ?? index}]`);
      if (!problems.some((known) => known.field === field)) problems.push({ ...problem, field });
    }
  }
  return problems.length || !parsed.success ? { values, problems } : { values, input: parsed.data, problems };
}

/** The form's values for a stored listing. */
export function listingFormValues(input: ListingInput): ListingFormValues {
  const values: ListingFormValues = {
    population: input.population === null ? '' : String(input.population),
    populationAsOf: input.populationAsOf ?? '',
    areaKm2: input.areaKm2 === null ? '' : String(input.areaKm2),
    desiredRegions: offeredCodesOf(input.desiredRegions),
    fields: input.fields,
    'outline.en': input.outline.en,
    'outline.ja': input.outline.ja,
    'characteristics.en': input.characteristics.en,
    'characteristics.ja': input.characteristics.ja,
    'pr.en': input.pr.en,
    'pr.ja': input.pr.ja,
    'contact.name': input.contact.name,
    'contact.email': input.contact.email,
    'contact.phone': input.contact.phone,
  };
  input.links.forEach((link, row) => {
    values[`links[${row}].url`] = link.url;
    values[`links[${row}].label`] = link.label;
  });
  return values;
}

/** What a save does to the listing's picture: replace it with these bytes, or remove it; nothing when neither was asked. */
export type PictureChange = Uint8Array | 'remove' | undefined;

/**
 * The picture field of the form (`image`, a file; `removeImage`, a checkbox): the change asked for,
 * and what is wrong with a picture chosen (checked before anything is saved, with the other fields).
 */
export async function readListingPicture(body: FormBody): Promise<{ picture: PictureChange; name: string; problems: FieldProblem[] }> {
  const sent = Array.isArray(body.image) ? body.image[0] : body.image;
  if (sent instanceof File && sent.size > 0) {
    const bytes = new Uint8Array(await sent.arrayBuffer());
    const problems = pictureProblems(bytes);
    return { picture: problems.length ? undefined : bytes, name: sent.name, problems };
  }
  return { picture: text(body, 'removeImage') === '1' ? 'remove' : undefined, name: '', problems: [] };
}

/** A figure the registry knows of a local government, and where it came from. */
export interface RegistryFigure {
  value: number;
  /** The year it was counted, where known. */
  year: number | null;
  source: string;
}

/** The registry's sources as people know them. */
const SOURCE_NAMES: Record<string, string> = { geonames: 'GeoNames', 'countries-states-cities': 'countries-states-cities database' };

/**
 * The figures of a local government that a new listing can start from: its population (GeoNames
 * counts it for every place it matched) and its area, where the registry knows them and a listing
 * may hold them.
 */
export function registryFigures(lg: Pick<LocalGovernmentDetail, 'population' | 'populationYear' | 'areaKm2' | 'geonamesId' | 'source'>): {
  population?: RegistryFigure;
  areaKm2?: RegistryFigure;
} {
  const recordSource = SOURCE_NAMES[lg.source] ?? lg.source;
  const within = (value: number | null, limits: { min: number; max: number }) => value !== null && value >= limits.min && value <= limits.max;
  return {
    ...(within(lg.population, LISTING_LIMITS.population) ? { population: { value: lg.population!, year: lg.populationYear, source: lg.geonamesId ? 'GeoNames' : recordSource } } : {}),
    ...(within(lg.areaKm2, LISTING_LIMITS.areaKm2) ? { areaKm2: { value: lg.areaKm2!, year: null, source: recordSource } } : {}),
  };
}

/** A new listing's form, filled in with the registry's figures. */
export function prefilledValues(figures: ReturnType<typeof registryFigures>): ListingFormValues {
  return {
    ...(figures.population ? { population: String(figures.population.value), populationAsOf: figures.population.year ? String(figures.population.year) : '' } : {}),
    ...(figures.areaKm2 ? { areaKm2: String(figures.areaKm2.value) } : {}),
  };
}
