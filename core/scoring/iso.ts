/**
 * The one ISO-8601 instant format the engine accepts, shared by the evaluator, the validator and the
 * SQL compiler. `Date.parse` is not used: it accepts local times (time-zone dependent) and rolls
 * 2024-02-31 over into March, while Postgres rejects the latter with an error that would fail a
 * whole rescore. So an instant is `YYYY-MM-DDTHH:MM:SS[.f{1,6}](Z|±HH:MM)`, a real calendar date in
 * years 0001–9999, with an explicit offset; anything else counts as "not a date" (missing).
 * The same pattern runs as a Postgres regular expression before a string is cast to timestamptz.
 */

const YEAR = "(?:000[1-9]|00[1-9][0-9]|0[1-9][0-9]{2}|[1-9][0-9]{3})";
const MONTH_DAY =
  "(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])" +
  "|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)" +
  "|02-(?:0[1-9]|1[0-9]|2[0-8]))";
// Leap years without year 0000: non-zero multiples of 4 in the last two digits, or a century
// divisible by 400.
const LEAP_YEAR =
  "(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)";
const TIME = "(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\\.[0-9]{1,6})?";
const OFFSET = "(?:Z|[+-](?:0[0-9]|1[0-4]):[0-5][0-9])";

/** Usable both as a JS RegExp source and as a Postgres ARE (`~`). */
export const ISO_INSTANT_PATTERN = `^(?:${YEAR}-${MONTH_DAY}|${LEAP_YEAR}-02-29)T${TIME}${OFFSET}$`;

const ISO_INSTANT = new RegExp(ISO_INSTANT_PATTERN);

/**
 * Epoch milliseconds of a strict ISO instant, or null. Sub-millisecond digits are truncated, which is
 * what `floor(extract(epoch from …) * 1000)` does in SQL and what a JS `Date` read from the database
 * shows.
 */
export function parseIsoInstant(value: unknown): number | null {
  if (typeof value !== "string" || value.length > 40 || !ISO_INSTANT.test(value)) return null;
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8, 10));
  const hour = Number(value.slice(11, 13));
  const minute = Number(value.slice(14, 16));
  const second = Number(value.slice(17, 19));
  let rest = value.slice(19);
  let millis = 0;
  if (rest.startsWith(".")) {
    const digits = /^\.([0-9]+)/.exec(rest)?.[1] ?? "";
    millis = Number(digits.padEnd(3, "0").slice(0, 3));
    rest = rest.slice(1 + digits.length);
  }
  let offsetMinutes = 0;
  if (rest !== "Z") {
    const sign = rest.startsWith("-") ? -1 : 1;
    offsetMinutes = sign * (Number(rest.slice(1, 3)) * 60 + Number(rest.slice(4, 6)));
  }
  // Date.UTC maps years 0–99 to 1900–1999, so set the full year explicitly.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, millis);
  const ms = date.getTime() - offsetMinutes * 60_000;
  // The offset can carry an instant out of years 0001–9999 (0001-01-01T00:00:00+01:00 is in year
  // 0 in UTC): such an instant cannot be stored or written back in this format.
  const utcYear = new Date(ms).getUTCFullYear();
  return utcYear >= 1 && utcYear <= 9999 ? ms : null;
}

/** True when a JS Date can hold this many epoch milliseconds. */
export function isDateMs(ms: number): boolean {
  return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15;
}
