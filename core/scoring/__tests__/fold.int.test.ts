/**
 * The SQL case fold equals the evaluator's on the current target (PGlite or the Postgres server)
 * for every code point of the planes that have cased letters (0–1, surrogates and NUL excluded:
 * Postgres text cannot hold them), one at a time and run together in one string, so neither a
 * context rule (final sigma) nor a Unicode-version difference between Node's ICU and the
 * database's can make explain and stored scores disagree.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- tests query the real database; the engine itself never imports db/
import { query } from "../../../db/index";
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- tests query the real database; the engine itself never imports db/
import { createTestDatabase, testTarget, type TestDatabase } from "../../../db/testing";
import { foldSql } from "../compile-sql";
import { foldText } from "../fold";

const LAST = 0x1ffff;
const CHUNK = 8192;

function codePoints(from: number, to: number): string[] {
  const out: string[] = [];
  for (let cp = from; cp <= to; cp++) {
    if (cp === 0 || (cp >= 0xd800 && cp <= 0xdfff)) continue;
    out.push(String.fromCodePoint(cp));
  }
  return out;
}

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.destroy();
});

/**
 * Folds each text in SQL; the texts travel as one JSON parameter and come back as UTF-8 hex, so
 * the driver's decoding (which drops a leading U+FEFF) cannot blur the comparison.
 */
async function foldAll(texts: string[]): Promise<string[]> {
  const rows = await query<{ folded: string }>(
    database.db,
    sql`select encode(convert_to(${foldSql(sql`t.value`)}, 'UTF8'), 'hex') as folded
          from jsonb_array_elements_text(${JSON.stringify(texts)}::jsonb) with ordinality as t(value, n)
         order by t.n`,
  );
  return rows.map((r) => Buffer.from(r.folded, "hex").toString("utf8"));
}

function mismatches(texts: string[], folded: string[]): string[] {
  return texts.flatMap((t, i) => {
    const js = foldText(t);
    return folded[i] === js
      ? []
      : [`U+${(t.codePointAt(0) ?? 0).toString(16).toUpperCase()} sql=${folded[i]} js=${js}`];
  });
}

describe(`text case fold in SQL = evaluator (${testTarget()})`, () => {
  it("agrees on every code point of planes 0 and 1, alone and in context", async () => {
    const bad: string[] = [];
    for (let from = 0; from <= LAST; from += CHUNK) {
      const single = codePoints(from, Math.min(from + CHUNK - 1, LAST));
      // The same code points run together, after a letter and before Σ: context rules show here.
      const joined = `A${single.join("")}Σ`;
      const folded = await foldAll([...single, joined]);
      bad.push(...mismatches(single, folded));
      if (folded[single.length] !== foldText(joined)) bad.push(`chunk from U+${from.toString(16)}`);
    }
    expect(bad).toEqual([]);
  });

  it("folds sigma, dotted İ and German ß to one form whatever the position", async () => {
    const texts = ["ΟΔΟΣ", "οδος", "οδοσ", "Σ", "ΣΑΣ.", "İstanbul", "ISTANBUL", "STRAẞE", "Straße"];
    const folded = await foldAll(texts);
    expect(folded).toEqual(texts.map(foldText));
    expect(folded).toEqual([
      "οδοσ",
      "οδοσ",
      "οδοσ",
      "σ",
      "σασ.",
      "istanbul",
      "istanbul",
      "straße",
      "straße",
    ]);
  });
});
