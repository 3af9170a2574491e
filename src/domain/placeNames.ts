import { STRIPPABLE_KIND_WORDS } from './kindWords.js';
import { foldName } from './names.js';

/** A place name split into the name itself and what the source wrote to tell it apart. */
export interface ParsedPlace {
  name: string;
  /** Places or regions that contain it, most specific first: "Setagaya (Tokyo)" → ['Tokyo']. */
  qualifiers: string[];
  /** A bracketed word that says what sort of place it is rather than where: "(district)", "(rural gmina)". */
  kind?: string;
}

// Bracketed words that are a kind of unit, not a place. Lower-case brackets ("(district)",
// "(rural gmina)", "(communauté)") are read as kinds anyway; these are the capitalised ones.
const KIND_WORDS = new Set(['amt', 'samtgemeinde', 'gmina', 'city', 'town', 'village', 'country', 'state']);

const PARENT_DASH = /\s+[–—-]\s+/;

/** Removes footnote marks, stray double quotes, wrapping quotes and extra spaces. */
function clean(raw: string): string {
  let text = raw
    .normalize('NFC')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/["“”„«»]/g, ' ')
    .replace(/[*†‡]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  // Only quotes around the whole name: "'s-Hertogenbosch" keeps its apostrophe.
  if (/^['‘’].*['‘’]$/.test(text) && text.length > 2) text = text.slice(1, -1).trim();
  return text;
}

function isKind(text: string): boolean {
  return KIND_WORDS.has(text.toLowerCase()) || /^[\p{Ll}\s-]+$/u.test(text);
}

/**
 * Splits a name as Wikipedia writes it: "Setagaya (Tokyo)" → Setagaya in Tokyo, "Bayside, New South
 * Wales" → Bayside in New South Wales, "Seoul – Gangnam" → Gangnam in Seoul. No name in the source
 * data has a comma of its own, so every comma starts a qualifier.
 */
export function parsePlaceName(raw: string): ParsedPlace {
  const text = clean(raw);
  const bracketed: string[] = [];
  let kind: string | undefined;
  const outside = text
    .replace(/\(([^()]*)\)/g, (_, inner: string) => {
      const content = inner.trim();
      if (content.length === 0) return ' ';
      if (isKind(content)) kind ??= content;
      else bracketed.push(content);
      return ' ';
    })
    .replace(/[()]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

  const [head = '', ...commaParts] = outside.split(',').map((part) => part.trim());
  const trailing = commaParts.filter((part) => part.length > 0);

  let name = head;
  const qualifiers = [...bracketed];
  // "Berlin – Mitte": a district after its city. With a bracket as well ("Podsused – Vrapče (Zagreb)")
  // the dash is part of the district's own name.
  const dash = PARENT_DASH.exec(head);
  if (dash && bracketed.length === 0) {
    const parent = head.slice(0, dash.index).trim();
    const child = head.slice(dash.index + dash[0].length).trim();
    if (parent.length > 0 && child.length > 0) {
      name = child;
      qualifiers.push(parent);
    }
  }
  qualifiers.push(...trailing);
  if (name.length === 0 && qualifiers.length > 0) name = qualifiers.shift()!;

  const parsed: ParsedPlace = { name, qualifiers };
  if (kind !== undefined) parsed.kind = kind;
  return parsed;
}

// Words that are written in more than one way; any of a group may stand for the others. Folded,
// as foldName turns "mount" into "mont".
const WORD_GROUPS: string[][] = [
  ['saint', 'st', 'sankt'],
  ['sainte', 'ste'],
  ['fort', 'ft'],
  ['mount', 'mt'],
].map((group) => group.map((word) => foldName(word)));

// Trailing words that name the kind of unit: the Japanese kind words (-shi, -ku, -machi, -chō,
// City, Ward…), -gun (a district) and "municipality".
const UNIT_SUFFIXES = new Set([...STRIPPABLE_KIND_WORDS, 'gun', 'municipality']);
const UNIT_PREFIX = /^(city|town|village|municipality|borough) of (.+)$/;

function wordVariants(folded: string): string[] {
  const words = folded.split(' ');
  const out: string[] = [];
  for (const group of WORD_GROUPS) {
    if (!words.some((word) => group.includes(word))) continue;
    for (const replacement of group) {
      out.push(words.map((word) => (group.includes(word) ? replacement : word)).join(' '));
    }
  }
  return out;
}

function unitVariants(folded: string): string[] {
  const out: string[] = [];
  const prefixed = UNIT_PREFIX.exec(folded);
  if (prefixed) out.push(prefixed[2]!);
  for (const text of [folded, ...out]) {
    const words = text.split(' ');
    if (words.length > 1 && UNIT_SUFFIXES.has(words.at(-1)!)) out.push(words.slice(0, -1).join(' '));
  }
  return out;
}

/**
 * Folded spellings under which a place may be listed, the plain folded name first: "St. Petersburg"
 * also as "saint petersburg" and "sankt petersburg", "Setagaya-ku" and "Setagaya Ward" as
 * "setagaya", "City of Ibara" as "ibara", "Biel/Bienne" as "biel" and "bienne", "Nasu-Shiobara" as
 * "nasushiobara", Hepburn's m before b/m/p as n ("Gumma" → "gunma") and a written-out umlaut as
 * the bare vowel ("Duesseldorf" → "dusseldorf").
 */
export function nameVariants(name: string): string[] {
  const base = foldName(name);
  const variants = new Set<string>(base.length > 0 ? [base] : []);
  const add = (text: string): void => {
    const folded = foldName(text);
    if (folded.length > 0) variants.add(folded);
  };
  if (name.includes('/')) for (const part of name.split('/')) add(part);
  if (/\(.*\)/.test(name)) add(name.replace(/\([^)]*\)/g, ' '));

  for (const variant of [...variants]) for (const unit of unitVariants(variant)) variants.add(unit);
  for (const variant of [...variants]) for (const word of wordVariants(variant)) variants.add(word);
  for (const variant of [...variants]) {
    if (variant.includes(' ')) variants.add(variant.replace(/ /g, ''));
    const hepburn = variant.replace(/m(?=[bmp])/g, 'n');
    if (hepburn !== variant) variants.add(hepburn);
    // German umlauts written out: "Duesseldorf", "Muenchen".
    const umlaut = variant.replace(/([aou])e/g, '$1');
    if (umlaut !== variant) variants.add(umlaut);
  }
  return [...variants];
}
