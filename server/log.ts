/**
 * A minimal structured logger: one JSON line per event on stderr. Details of failures go here,
 * never to users.
 */
type Level = "debug" | "info" | "warn" | "error";
const ORDER: Record<Level, number> = {
  debug: 10,
  info: 20,
  warn: 30,
  error: 40,
};

let threshold: Level = "info";
export function setLogLevel(level: Level) {
  threshold = level;
}

function write(level: Level, msg: string, fields?: Record<string, unknown>) {
  if (ORDER[level] < ORDER[threshold]) return;
  const entry: Record<string, unknown> = {
    level,
    time: new Date().toISOString(),
    msg,
    ...fields,
  };
  if (entry.err instanceof Error) {
    const e = entry.err;
    entry.err = { name: e.name, message: e.message, stack: e.stack };
  }
  process.stderr.write(`${JSON.stringify(entry)}\n`);
}

export const log = {
  debug: (msg: string, fields?: Record<string, unknown>) => write("debug", msg, fields),
  info: (msg: string, fields?: Record<string, unknown>) => write("info", msg, fields),
  warn: (msg: string, fields?: Record<string, unknown>) => write("warn", msg, fields),
  error: (msg: string, fields?: Record<string, unknown>) => write("error", msg, fields),
};
export type Logger = typeof log;
