import ical from 'ical-generator';
import { formatPartial, lgName, localePath, t, tCount, type Lang } from '../i18n/index.js';
import type { AnniversaryLine } from '../services/anniversaries.js';
import { placeOf } from './pages/registry.js';

/**
 * Anniversaries as an iCalendar feed (RFC 5545, written by ical-generator): one all-day event a
 * relationship and year, over the day of signing where it is known (else the month or the year),
 * linked back to the relationship's page. Its UID stays the same from one reading to the next, so a
 * calendar that asks again updates the event rather than adding one.
 */
export function anniversaryCalendar(lang: Lang, name: string, lines: AnniversaryLine[], origin: string): string {
  const host = new URL(origin).host;
  const calendar = ical({
    name: t(lang, 'anniversaries.calendar.name', { name }),
    prodId: { company: 'Kizuna', product: 'anniversaries', language: lang.toUpperCase() },
    ttl: 60 * 60 * 24,
  });
  for (const line of lines) {
    const own = lgName(lang, line.localGovernment);
    const partner = lgName(lang, line.partner);
    calendar.createEvent({
      id: `relationship-${line.relationshipId}-${line.anniversary.startsOn.slice(0, 4)}@${host}`,
      start: line.anniversary.startsOn,
      end: line.anniversary.endsBefore,
      allDay: true,
      summary: t(lang, 'anniversaries.event.summary', { years: tCount(lang, 'home.years', line.anniversary.years), own, partner }),
      description: t(lang, 'anniversaries.event.description', {
        label: line.label || t(lang, 'rel.noLabel'),
        signedOn: formatPartial(lang, line.signedOn!),
        own,
        ownPlace: placeOf(lang, line.localGovernment),
        partner,
        partnerPlace: placeOf(lang, line.partner),
      }),
      url: origin + localePath(lang, line.relationshipUrl),
    });
  }
  return calendar.toString();
}

/** A feed as an answer calendars subscribe to: text/calendar, named for saving. */
export function calendarResponse(filename: string, body: string): Response {
  return new Response(body, {
    headers: { 'content-type': 'text/calendar; charset=utf-8', 'content-disposition': `inline; filename="${filename}"` },
  });
}
