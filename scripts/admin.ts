/**
 * `npm run admin -- <command>`: bootstrap workspaces and API keys without the UI (see
 * server/cli/admin.ts). Uses the same DATABASE_URL / DATA_DIR as the server; with the embedded
 * database, stop the server first (one process per data directory).
 */
import { DatabaseUnreachableError } from "../db";

try {
  const { openAuth, openDatabase } = await import("../server/runtime");
  const { runAdmin, CliError } = await import("../server/cli/admin");
  const database = await openDatabase();
  try {
    await database.migrate();
    const auth = await openAuth(database);
    const lines = await runAdmin(process.argv.slice(2), { database, auth }).catch(
      (error: unknown) => {
        if (
          error instanceof CliError ||
          (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")
        ) {
          console.error(`scorecraft admin: ${(error as Error).message}`);
          process.exitCode = 1;
          return [];
        }
        throw error;
      },
    );
    for (const line of lines) console.log(line);
  } finally {
    await database.close();
  }
} catch (error) {
  if (
    error instanceof DatabaseUnreachableError ||
    (error as Error).message?.startsWith("Invalid environment")
  ) {
    console.error(`scorecraft admin: ${(error as Error).message}`);
    process.exit(1);
  }
  throw error;
}
