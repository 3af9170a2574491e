/** The anniversaries worth marking: every five years up to 30, then every ten. */
export const ANNIVERSARY_YEARS = [5, 10, 15, 20, 25, 30, 40, 50, 60, 70] as const;

/** How many years a relationship signed on a date turns in a year, when that is an anniversary. */
export function anniversaryIn(signedOn: string, year: number): number | null {
  const age = year - Number(signedOn.slice(0, 4));
  return (ANNIVERSARY_YEARS as readonly number[]).includes(age) ? age : null;
}
