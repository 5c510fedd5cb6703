import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { csvCell, csvRow } from "./csv-writer";

describe("csvCell", () => {
  it("leaves plain text alone", () => {
    expect(csvCell("hello")).toBe("hello");
    expect(csvCell(42)).toBe("42");
    expect(csvCell(true)).toBe("true");
  });

  it("writes null and undefined as empty cells", () => {
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
  });

  it("quotes commas, quotes and line breaks (RFC 4180)", () => {
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("line\nbreak")).toBe('"line\nbreak"');
    expect(csvCell("cr\rlf")).toBe('"cr\rlf"');
  });

  it.each(["=SUM(A1:A2)", "+1", "-1", "@cmd", "\tx", "=1,2"])(
    "prefixes a formula-like cell %j with an apostrophe",
    (value) => {
      const written = csvCell(value);
      const read = (parse(written) as string[][])[0]?.[0];
      expect(read).toBe(`'${value}`);
    },
  );

  it("writes dates as ISO instants", () => {
    expect(csvCell(new Date("2026-01-31T09:30:00Z"))).toBe("2026-01-31T09:30:00.000Z");
  });
});

describe("csvRow", () => {
  it("ends with CRLF and round-trips through a parser", () => {
    const values = ["row 2", 'a "quoted", value', "", "=HYPERLINK()", "multi\nline"];
    const line = csvRow(values);
    expect(line.endsWith("\r\n")).toBe(true);
    const [record] = parse(line) as string[][];
    expect(record).toEqual(["row 2", 'a "quoted", value', "", "'=HYPERLINK()", "multi\nline"]);
  });
});
