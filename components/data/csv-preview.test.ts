import { describe, expect, it } from "vitest";
import { decodePreview, guessColumn, GUESS, inferType, keyFromHeader, previewFromText, sniffDelimiter } from "./csv-preview";

describe("previewFromText", () => {
  it("reads the header and the first rows, dropping a line cut at the boundary", () => {
    const preview = previewFromText('id,name\n1,"Ann, B"\n2,Bo\n3,Ca', false);
    expect(preview.columns).toEqual(["id", "name"]);
    expect(preview.rows).toEqual([
      ["1", "Ann, B"],
      ["2", "Bo"],
    ]);
  });

  it("detects semicolons and tabs, and strips a BOM", () => {
    expect(previewFromText("\uFEFFa;b\n1;2\n", true).columns).toEqual(["a", "b"]);
    expect(sniffDelimiter("a\tb\tc")).toBe("\t");
    expect(sniffDelimiter('"a;b",c')).toBe(",");
  });
});

describe("guesses", () => {
  it("turns headers into registry keys", () => {
    expect(keyFromHeader("First name")).toBe("first_name");
    expect(keyFromHeader("Épargne (€)")).toBe("epargne");
    expect(keyFromHeader("2024 revenue")).toBe("f_2024_revenue");
    expect(keyFromHeader("!!!")).toBe("column");
  });

  it("infers types from samples", () => {
    expect(inferType(["1", "2.5", ""])).toBe("number");
    expect(inferType(["yes", "no"])).toBe("boolean");
    expect(inferType(["0", "1"])).toBe("number");
    expect(inferType(["2026-01-02", "2026-01-03 10:00"])).toBe("date");
    expect(inferType(["a", "1"])).toBe("text");
  });

  it("finds the usual key, email and date columns", () => {
    const columns = ["Customer ID", "Email", "Signed up", "Plan"];
    expect(guessColumn(columns, GUESS.key)).toBe(0);
    expect(guessColumn(columns, GUESS.email)).toBe(1);
    expect(guessColumn(columns, GUESS.createdAt)).toBe(2);
  });
});

describe("decodePreview", () => {
  it("reads valid UTF-8 as UTF-8, a sequence cut at the end of the slice included", () => {
    const bytes = Buffer.from("id,name\nz,Zoë\ne,€");
    expect(decodePreview(bytes)).toEqual({ text: "id,name\nz,Zoë\ne,€", encoding: "utf-8" });
    expect(decodePreview(bytes.subarray(0, bytes.length - 1)).encoding).toBe("utf-8");
  });

  it("reads bytes that are not UTF-8 as Windows-1252 instead of U+FFFD", () => {
    const result = decodePreview(Buffer.from([0x69, 0x64, 0x0a, 0x4a, 0x6f, 0x73, 0xe9, 0x0a]));
    expect(result).toEqual({ text: "id\nJosé\n", encoding: "windows-1252" });
  });
});
