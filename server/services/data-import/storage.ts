/**
 * Where uploaded CSV files live: `<UPLOAD_DIR>/<workspace id>/<generated id>.csv`. Paths are built
 * only from generated ids (checked to be UUIDs), never from a user's file name.
 */
import fs from "node:fs";
import path from "node:path";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { env } from "../../env";
import { ServiceError } from "../../errors";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let overrideDir: string | null = null;

/** Tests point uploads at a temporary directory. */
export function setUploadDirForTests(dir: string | null): void {
  overrideDir = dir;
}

export function uploadDir(): string {
  if (overrideDir) return overrideDir;
  if (env.UPLOAD_DIR) return path.resolve(env.UPLOAD_DIR);
  return path.join(path.dirname(path.resolve(env.DATA_DIR)), "uploads");
}

export function filePath(workspaceId: string, storageKey: string): string {
  if (!UUID.test(workspaceId) || !UUID.test(storageKey)) throw new Error("invalid storage key");
  return path.join(uploadDir(), workspaceId, `${storageKey}.csv`);
}

export class FileTooLargeError extends ServiceError {
  constructor(limit: number) {
    super(
      "PAYLOAD_TOO_LARGE",
      `The file is larger than ${Math.round(limit / 1024 / 1024)} MB, the most an import accepts`,
    );
  }
}

/** "200 MB", "1 GB": sizes in the words of limits and messages. */
export function formatSize(bytes: number): string {
  const gb = bytes / 1024 ** 3;
  if (gb >= 1) return `${Number(gb.toFixed(1))} GB`;
  return `${Math.max(1, Math.round(bytes / 1024 ** 2))} MB`;
}

export interface SaveOptions {
  maxBytes: number;
  /** The error for passing `maxBytes` (default: FileTooLargeError). */
  tooLarge?: () => Error;
  /** Sees every chunk as it is written (the encoding check). */
  observe?: (chunk: Buffer) => void;
}

/**
 * Streams `body` to the file, chunk by chunk (constant memory), stopping with FileTooLargeError as
 * soon as it passes `maxBytes`. A partial file is removed. Returns the bytes written.
 */
export async function saveStream(
  body: Readable,
  target: string,
  { maxBytes, tooLarge = () => new FileTooLargeError(maxBytes), observe }: SaveOptions,
): Promise<number> {
  await fs.promises.mkdir(path.dirname(target), { recursive: true });
  let bytes = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      if (bytes > maxBytes) callback(tooLarge());
      else {
        observe?.(chunk);
        callback(null, chunk);
      }
    },
  });
  try {
    await pipeline(body, limit, fs.createWriteStream(target, { flags: "wx", mode: 0o600 }));
  } catch (error) {
    await fs.promises.rm(target, { force: true });
    throw error;
  }
  return bytes;
}

export async function removeFile(workspaceId: string, storageKey: string): Promise<void> {
  await fs.promises.rm(filePath(workspaceId, storageKey), { force: true });
}
