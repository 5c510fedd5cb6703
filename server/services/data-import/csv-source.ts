/**
 * Reading an uploaded CSV: its text encoding (UTF-8, or Windows-1252 when the bytes are not valid
 * UTF-8, as Excel on Windows writes them), the delimiter (comma, semicolon or tab, from the header
 * line), the header row, and a streaming parser over the file (csv-parse: constant memory,
 * backpressure through async iteration, malformed records reported and skipped rather than
 * aborting). Rows are numbered as a spreadsheet shows them (the header is row 1, a quoted line
 * break stays inside its row), and each row carries the byte offset after it, so a run can resume
 * from the last committed row.
 */
import fs from "node:fs";
import { parse, type Options } from "csv-parse";
import type { IMPORT_ENCODINGS } from "../../../db/schema";

export type Delimiter = "," | ";" | "\t";
export type Encoding = (typeof IMPORT_ENCODINGS)[number];
/** The most frequent of `,` `;` and tab outside quotes in the first line (comma on a tie). */
export function sniffDelimiter(firstLine: string): Delimiter {
  const counts: Record<Delimiter, number> = { ",": 0, ";": 0, "\t": 0 };
  let quoted = false;
  for (const ch of firstLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch in counts) counts[ch as Delimiter] += 1;
  }
  let best: Delimiter = ",";
  for (const d of [";", "\t"] as const) if (counts[d] > counts[best]) best = d;
  return best;
}

/** The largest single record accepted (a quote that never closes stops here, not at EOF). */
export const MAX_RECORD_BYTES = 1024 * 1024;

/**
 * Checks bytes for valid UTF-8 as they stream past (a sequence split between chunks is fine), so
 * an upload learns its encoding without reading the file twice.
 */
export class Utf8Check {
  private readonly decoder = new TextDecoder("utf-8", { fatal: true });
  private valid = true;

  push(chunk: Uint8Array): void {
    if (!this.valid) return;
    try {
      this.decoder.decode(chunk, { stream: true });
    } catch {
      this.valid = false;
    }
  }

  /** Whether every byte so far was UTF-8, a sequence cut off at the very end included. */
  end(): boolean {
    if (this.valid) {
      try {
        this.decoder.decode();
      } catch {
        this.valid = false;
      }
    }
    return this.valid;
  }
}

/**
 * The encoding to read a file with: UTF-8 when its bytes are valid UTF-8 (ASCII included), else
 * Windows-1252, the superset of Latin-1 that spreadsheets on Windows save "CSV" files in. Any byte
 * sequence decodes in Windows-1252, so nothing silently becomes U+FFFD.
 */
export function encodingOf(validUtf8: boolean): Encoding {
  return validUtf8 ? "utf-8" : "windows-1252";
}

/**
 * Windows-1252 bytes 0x80–0x9F (€, curly quotes, dashes, …); the rest is Latin-1. Written out
 * because Node's TextDecoder("windows-1252") decodes as ISO-8859-1 and leaves these as C1 controls.
 */
const CP1252_HIGH =
  "\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F" +
  "\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178";

/** Text read byte-per-character (Latin-1) as Windows-1252. */
export function cp1252FromLatin1(text: string): string {
  return text.replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80] ?? c);
}

function decode(bytes: Uint8Array, encoding: Encoding): string {
  if (encoding === "utf-8") return new TextDecoder("utf-8").decode(bytes);
  return cp1252FromLatin1(Buffer.from(bytes).toString("latin1"));
}

/** Delimiter and header cells of a file, reading at most its first megabyte. */
export async function readHeader(
  file: string,
  encoding: Encoding,
): Promise<{ delimiter: Delimiter; columns: string[] }> {
  const handle = await fs.promises.open(file, "r");
  let head: string;
  try {
    const buffer = Buffer.alloc(Math.min(MAX_RECORD_BYTES, (await handle.stat()).size));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    head = decode(buffer.subarray(0, bytesRead), encoding).replace(/^\uFEFF/, "");
  } finally {
    await handle.close();
  }
  const firstLine = head.split(/\r?\n/, 1)[0] ?? "";
  const delimiter = sniffDelimiter(firstLine);
  const parser = parse({ delimiter, to: 1, relax_quotes: true, skip_empty_lines: true });
  const records: string[][] = [];
  parser.on("readable", () => {
    let r: string[] | null;
    while ((r = parser.read() as string[] | null) !== null) records.push(r);
  });
  await new Promise<void>((resolve, reject) => {
    parser.on("end", resolve);
    parser.on("error", reject);
    // A header cut at the 1 MB boundary is still read up to there.
    parser.end(head.endsWith("\n") ? head : `${head}\n`);
  });
  return { delimiter, columns: (records[0] ?? []).map((c) => c.trim()) };
}

/** One record in file order. */
export interface SourceRecord {
  record: string[];
  /** Spreadsheet row number (the header is row 1; blank lines count, quoted line breaks do not). */
  row: number;
  /** Byte offset in the file just after this record (where a resumed run starts). */
  bytes: number;
  /** A blank line: counted for row numbers, otherwise ignored. */
  blank: boolean;
}

export interface MalformedRecord {
  row: number;
  message: string;
}

export interface CsvPosition {
  /** Byte offset to start reading at (0: the start of the file, header included). */
  bytes: number;
  /** Rows before that offset (0 at the start). */
  rows: number;
}

/**
 * A streaming parser over the file from `from`. `onMalformed` hears, in file order and once per
 * row, about records csv-parse had to skip (a quote never closed, a record over 1 MB), with their
 * row number. A quote inside an unquoted cell is kept as text, as spreadsheets do.
 */
export function openCsv(
  file: string,
  options: { delimiter: Delimiter; encoding: Encoding; from: CsvPosition },
  onMalformed: (m: MalformedRecord) => void,
): AsyncIterable<SourceRecord> {
  const { delimiter, encoding, from } = options;
  let row = from.rows;
  // Windows-1252 is one byte per character and ASCII-compatible: csv-parse splits the bytes as
  // Latin-1 (delimiters and quotes are ASCII), then each cell is re-read as Windows-1252.
  const cp1252 = encoding === "windows-1252";
  const cell = cp1252 ? cp1252FromLatin1 : null;
  const parserOptions: Options<SourceRecord, string[]> = {
    delimiter,
    encoding: cp1252 ? "latin1" : "utf8",
    bom: from.bytes === 0,
    relax_quotes: true,
    // Column counts are checked by the import against the header (a resumed run starts mid-file,
    // where csv-parse would take the first row it sees as the reference).
    relax_column_count: true,
    skip_records_with_error: true,
    max_record_size: MAX_RECORD_BYTES,
    on_record: (record: string[], context): SourceRecord => {
      row += 1;
      const cells = cell ? record.map(cell) : record;
      return {
        record: cells,
        row,
        bytes: from.bytes + context.bytes,
        blank: cells.length === 1 && cells[0] === "",
      };
    },
    on_skip: (error) => {
      row += 1;
      onMalformed({ row, message: malformedMessage(error as Error & { code?: string }) });
      return undefined;
    },
  };
  // The overloads only accept a record type other than string[] with `columns`; this is the same
  // parser, with records turned into SourceRecord by on_record.
  const parser = parse(parserOptions as unknown as Options);
  const stream = fs.createReadStream(file, { highWaterMark: 256 * 1024, start: from.bytes });
  stream.on("error", (error) => parser.destroy(error));
  return stream.pipe(parser) as AsyncIterable<SourceRecord>;
}

function malformedMessage(error: Error & { code?: string }): string {
  switch (error.code) {
    case "CSV_QUOTE_NOT_CLOSED":
      return "a quoted cell is never closed, so the rest of the file cannot be read";
    case "CSV_MAX_RECORD_SIZE":
      return "the row is longer than 1 MB";
    default:
      return `the row is not valid CSV (${error.message.split(":")[0]})`;
  }
}
