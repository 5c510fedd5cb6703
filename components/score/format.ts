/** Number and score formatting shared by every score display (docs/ui.md: one decimal at most). */
const INTEGER = new Intl.NumberFormat("en-US");
const ONE_DECIMAL = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 });

export function formatCount(n: number): string {
  return INTEGER.format(n);
}

/** 0–100 with at most one decimal: 72, 72.5 (never 72.50 or 72.456). */
export function formatScore(score: number): string {
  const clamped = Math.min(100, Math.max(0, score));
  return ONE_DECIMAL.format(Math.round(clamped * 10) / 10);
}

/** Points with an explicit sign: +10, −20, +2.5. */
export function formatPoints(points: number): string {
  const abs = ONE_DECIMAL.format(Math.abs(points));
  if (points > 0) return `+${abs}`;
  if (points < 0) return `\u2212${abs}`;
  return "0";
}

/** SPEC §4: stars = round_half_up(score / 10) / 2, i.e. 0, 0.5, … 5. */
export function starsFromScore(score: number): number {
  const clamped = Math.min(100, Math.max(0, score));
  return Math.floor(clamped / 10 + 0.5) / 2;
}

/** SPEC §4: the last band with min ≤ score. Bands are sorted by min. */
export function bandForScore<B extends { min: number }>(
  bands: readonly B[],
  score: number,
): B | undefined {
  let found: B | undefined;
  for (const band of bands) if (band.min <= score) found = band;
  return found;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}
