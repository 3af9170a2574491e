import type { MatchFactor, MatchPart, MatchReason } from '../domain/matching.js';
import { findTheme } from '../domain/themes.js';
import { desiredRegionName } from '../reference/desiredRegions.js';
import type { MatchResult } from '../services/matching.js';
import type { LocalGovernmentSummary } from '../services/presenters.js';
import { countryName, formatNumber, lgName, regionName, t, tCount, type Lang, type MessageKey } from './index.js';

/** The LGs a reason names, and the seeker and candidate it is about. */
export interface ReasonNames {
  seeker: LocalGovernmentSummary;
  candidate: LocalGovernmentSummary;
  named: ReadonlyMap<number, LocalGovernmentSummary>;
}

const latitude = (lang: Lang, value: number) =>
  t(lang, value >= 0 ? 'match.latitude.north' : 'match.latitude.south', { degrees: Math.abs(value).toFixed(1) });

/** One reason in plain words, in the language. */
export function reasonText(lang: Lang, reason: MatchReason, names: ReasonNames): string {
  const lg = (id: number) => {
    const summary = names.named.get(id);
    return summary ? lgName(lang, summary) : `#${id}`;
  };
  const seeker = lgName(lang, names.seeker);
  const candidate = lgName(lang, names.candidate);
  const list = (items: string[]) => items.join(t(lang, 'match.listSeparator'));
  switch (reason.factor) {
    case 'reciprocity':
      return reason.mutual
        ? t(lang, 'match.reason.mutual', { candidate, seeker, candidateWants: desiredRegionName(reason.candidateWants, lang), seekerWants: desiredRegionName(reason.seekerWants!, lang) })
        : t(lang, 'match.reason.candidateWants', { candidate, candidateWants: desiredRegionName(reason.candidateWants, lang) });
    case 'desiredRegion':
      return reason.code ? t(lang, 'match.reason.wanted', { seeker, region: desiredRegionName(reason.code, lang) }) : t(lang, 'match.reason.notWanted', { seeker });
    case 'population':
      return t(lang, 'match.reason.population', { seeker: formatNumber(lang, reason.seeker), candidate: formatNumber(lang, reason.candidate) });
    case 'themes':
      return t(lang, 'match.reason.themes', { themes: list(reason.themes.map((id) => findTheme(id)?.[lang] ?? id)) });
    case 'fields':
      return t(lang, 'match.reason.fields', { fields: list(reason.fields.map((field) => t(lang, `field.${field}` as MessageKey))) });
    case 'text':
      return t(lang, 'match.reason.text', { similarity: reason.similarity.toFixed(2) });
    case 'latitude':
      return t(lang, 'match.reason.latitude', { seeker: latitude(lang, reason.seeker), candidate: latitude(lang, reason.candidate) });
    case 'season':
      return reason.sameHemisphere
        ? t(lang, 'match.reason.sameSeasons', { hemisphere: t(lang, reason.north ? 'match.hemisphere.north' : 'match.hemisphere.south') })
        : t(lang, 'match.reason.oppositeSeasons');
    case 'name':
      return t(lang, reason.identical ? 'match.reason.sameName' : 'match.reason.similarName', { seeker, candidate });
    case 'network':
      return networkText(lang, reason, lg, seeker);
    case 'popularity':
      return tCount(lang, 'match.reason.popularity', reason.ties);
    case 'countryTies':
      return tCount(lang, 'match.reason.countryTies', reason.count, { country: countryName(lang, reason.country), example: lg(reason.example) });
    case 'countryLinks':
      return tCount(lang, 'match.reason.countryLinks', reason.count, { seekerCountry: countryName(lang, reason.seekerCountry), country: countryName(lang, reason.country) });
    case 'regionLinks':
      return tCount(lang, 'match.reason.regionLinks', reason.count, { seekerCountry: countryName(lang, reason.seekerCountry), region: regionName(lang, names.candidate) ?? candidate });
    case 'size':
      return t(lang, 'match.reason.size', { population: formatNumber(lang, reason.population) });
    case 'newToCountry':
      return t(lang, 'match.reason.newToCountry', { country: countryName(lang, reason.country) });
  }
}

function networkText(lang: Lang, reason: MatchReason & { factor: 'network' }, lg: (id: number) => string, seeker: string): string {
  switch (reason.kind) {
    case 'sharedPartner':
      return t(lang, 'match.reason.sharedPartner', { partner: lg(reason.partner), seeker });
    case 'regionPartner':
      return t(lang, 'match.reason.regionPartner', { partner: lg(reason.partner), region: lg(reason.region) });
    case 'neighbourTwinned':
      return t(lang, 'match.reason.neighbourTwinned', { neighbour: lg(reason.neighbour), km: formatNumber(lang, Math.round(reason.km)), seeker });
    case 'regionTwinned':
      return t(lang, 'match.reason.regionTwinned', { member: lg(reason.member), seeker });
    case 'regionTies':
      return tCount(lang, 'match.reason.regionTies', reason.count, { member: lg(reason.member), partner: lg(reason.partner) });
  }
}

/** A part of a score as the page, the API and the command show it: its points and its reasons in words. */
export function describePart(lang: Lang, part: MatchPart, names: ReasonNames): { factor: MatchFactor; points: number; text: string } {
  return {
    factor: part.factor,
    points: Math.round(part.points * 10) / 10,
    text: part.reasons.length ? part.reasons.map((reason) => reasonText(lang, reason, names)).join(lang === 'ja' ? '。' : '; ') : t(lang, `match.factor.${part.factor}` as MessageKey),
  };
}

/** A ranking as the API and `kizuna match --json` give it: each candidate's reasons in words. */
export function matchReport(lang: Lang, result: MatchResult) {
  return {
    seeker: result.seeker,
    seekerListing: result.seekerListing,
    poolSize: result.poolSize,
    weights: result.weights,
    candidates: result.candidates.map(({ parts, ...candidate }) => ({
      ...candidate,
      score: Math.round(candidate.score * 10) / 10,
      reasons: parts.map((part) => describePart(lang, part, { seeker: result.seeker, candidate: candidate.localGovernment, named: result.named })),
    })),
  };
}
