/**
 * Reading an uploaded CSV: the delimiter (comma, semicolon or tab, from the header line), the
 * header row, and a streaming parser over the whole file (csv-parse: constant memory, backpressure
 * through async iteration, malformed records reported and skipped rather than aborting).
 */
import fs from "node:fs";
import { parse, type Parser } from "csv-parse";

export type Delimiter = "," | ";" | "\t";

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

/** Delimiter and header cells of a file, reading at most its first megabyte. */
export async function readHeader(file: string): Promise<{ delimiter: Delimiter; columns: string[] }> {
  const handle = await fs.promises.open(file, "r");
  let head: string;
  try {
    const buffer = Buffer.alloc(Math.min(MAX_RECORD_BYTES, (await handle.stat()).size));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    head = buffer.subarray(0, bytesRead).toString("utf8").replace(/^\uFEFF/, "");
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

/** One data record (or a malformed one) in file order. */
export interface SourceRecord {
  record: string[];
  /** File line where the record starts (the header is line 1). */
  line: number;
  /** Bytes of the file consumed so far (for progress). */
  bytes: number;
}

export interface MalformedRecord {
  line: number;
  message: string;
}

/**
 * A streaming parser over the file. `onMalformed` hears about records csv-parse had to skip
 * (wrong number of cells, a stray quote), with their line.
 */
export function openCsv(
  file: string,
  delimiter: Delimiter,
  onMalformed: (m: MalformedRecord) => void,
): Parser {
  const parser = parse({
    delimiter,
    bom: true,
    info: true,
    skip_empty_lines: true,
    relax_column_count_less: true,
    skip_records_with_error: true,
    max_record_size: MAX_RECORD_BYTES,
  });
  parser.on("skip", (error: Error & { lines?: number }) => {
    onMalformed({ line: error.lines ?? 0, message: malformedMessage(error) });
  });
  const stream = fs.createReadStream(file, { highWaterMark: 256 * 1024 });
  stream.on("error", (error) => parser.destroy(error));
  return stream.pipe(parser);
}

function malformedMessage(error: Error & { code?: string }): string {
  switch (error.code) {
    case "CSV_RECORD_INCONSISTENT_FIELDS_LENGTH":
      return "the row has more cells than the header";
    case "CSV_INVALID_CLOSING_QUOTE":
      return "a quote inside a cell is not doubled (\"\"), so the row cannot be read";
    case "CSV_QUOTE_NOT_CLOSED":
      return "a quoted cell is never closed, so the rest of the file cannot be read";
    case "CSV_MAX_RECORD_SIZE":
      return "the row is longer than 1 MB";
    default:
      return `the row is not valid CSV (${error.message.split(":")[0]})`;
  }
}
