/**
 * The case fold of text comparisons (SPEC §3: "text comparisons are case-insensitive"), computed
 * identically by the evaluator (`foldText`) and by compiled SQL (`foldSql` in compile-sql.ts):
 *
 *   fold(s) = lowercase(translate(s, FOLD_FROM, FOLD_TO))
 *
 * where lowercase is JS `toLowerCase()` on one side and `lower(… COLLATE "und-x-icu")` on the
 * other: both are the Unicode default (root locale) full lowercase mapping, whatever the
 * database's own collation is (`lower()` under `C` leaves non-ASCII letters alone, and glibc's
 * per-character `lower()` knows no final sigma). The translate step, done before lowering, removes
 * the three ways in which the two lowercasings can still differ (ADR 0004):
 * - Σ and ς become σ: lowercasing Σ depends on its position in the word (final ς, medial σ), so
 *   "ΟΔΟΣ" and "οδοσ" compare equal and `contains "σ"` finds a final sigma.
 * - İ becomes i: its lowercase is two code points (i + U+0307 combining dot), so "İstanbul" would
 *   never equal "istanbul"; mapped to i it does (as in Turkish), and every fold step maps one code
 *   point to one code point.
 * - Case pairs added in Unicode 16 and 17 are mapped explicitly, so the result does not depend on
 *   the Unicode version of Node's ICU or the database's ICU (measured: Node 20 has Unicode 17,
 *   PGlite's ICU 16, a Debian 12 server's ICU 72 = Unicode 15). The targets are lowercase letters,
 *   which every lowercasing leaves unchanged (unassigned code points too).
 * fold.int.test.ts checks every code point on both databases.
 */

/** [uppercase, lowercase] code points, or [first, last, offset] for a contiguous run. */
const PAIRS: readonly (readonly [number, number] | readonly [number, number, number])[] = [
  [0x03a3, 0x03c3], // Σ → σ
  [0x03c2, 0x03c3], // ς → σ
  [0x0130, 0x0069], // İ → i
  // Unicode 16
  [0x1c89, 0x1c8a],
  [0xa7cb, 0x0264],
  [0xa7cc, 0xa7cd],
  [0xa7da, 0xa7db],
  [0xa7dc, 0x019b],
  [0x10d50, 0x10d65, 0x20], // Garay
  // Unicode 17
  [0xa7ce, 0xa7cf],
  [0xa7d2, 0xa7d3],
  [0xa7d4, 0xa7d5],
  [0x16ea0, 0x16eb8, 0x1b], // Beria Erfe
];

const FOLD_MAP: ReadonlyMap<string, string> = new Map(
  PAIRS.flatMap((p) => {
    if (p.length === 2) return [[String.fromCodePoint(p[0]), String.fromCodePoint(p[1])] as const];
    const [first, last, offset] = p;
    const run: (readonly [string, string])[] = [];
    for (let cp = first; cp <= last; cp++) {
      run.push([String.fromCodePoint(cp), String.fromCodePoint(cp + offset)]);
    }
    return run;
  }),
);

/** `translate()` arguments: the i-th code point of FOLD_FROM becomes the i-th of FOLD_TO. */
export const FOLD_FROM = [...FOLD_MAP.keys()].join("");
export const FOLD_TO = [...FOLD_MAP.values()].join("");

/**
 * The same for Σ, ς and İ alone. translate() scans its whole FROM list for every character, so
 * the full list made the fold ~5× slower per row than the short one (measured on 100k rows);
 * SQL uses the full list only for texts that match FOLD_RARE_PATTERN, the Unicode 16/17 letters.
 */
const COMMON = 3;
export const FOLD_COMMON_FROM = [...FOLD_MAP.keys()].slice(0, COMMON).join("");
export const FOLD_COMMON_TO = [...FOLD_MAP.values()].slice(0, COMMON).join("");
/** A Postgres regex bracket of the other FOLD_FROM letters (letters only: nothing to escape). */
export const FOLD_RARE_PATTERN = `[${[...FOLD_MAP.keys()].slice(COMMON).join("")}]`;

const FOLD_PATTERN = new RegExp(
  `[${[...FOLD_MAP.keys()].map((c) => `\\u{${(c.codePointAt(0) ?? 0).toString(16)}}`).join("")}]`,
  "gu",
);

/** The case fold of a text value or operand; compile-sql's `foldSql` computes the same in SQL. */
export function foldText(s: string): string {
  return s.replace(FOLD_PATTERN, (c) => FOLD_MAP.get(c) ?? c).toLowerCase();
}
