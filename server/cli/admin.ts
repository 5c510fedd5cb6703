/**
 * Self-hosting commands, so scripts and deployments can bootstrap without the UI:
 *   create-workspace --name "Acme" --email ops@acme.test [--password …]
 *   create-api-key --workspace <slug> --scope write|read|admin [--name "CI"]
 */
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "../../db";
import { API_KEY_SCOPES, memberships, users, workspaces } from "../../db/schema";
import type { Auth } from "../auth";
import { insertApiKey } from "../services/api-key/create";
import { createWorkspace } from "../services/workspace/create";

export class CliError extends Error {}

export const USAGE = `usage:
  npm run admin -- create-workspace --name <name> --email <email> [--password <password>]
  npm run admin -- create-api-key --workspace <slug> --scope <write|read|admin> [--name <name>]`;

export async function runAdmin(
  argv: string[],
  deps: { database: Database; auth: Auth },
): Promise<string[]> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      name: { type: "string" },
      email: { type: "string" },
      password: { type: "string" },
      workspace: { type: "string" },
      scope: { type: "string" },
    },
    strict: true,
  });
  switch (command) {
    case "create-workspace":
      return createWorkspaceCommand(deps, values);
    case "create-api-key":
      return createApiKeyCommand(deps, values);
    default:
      throw new CliError(command ? `unknown command "${command}"\n${USAGE}` : USAGE);
  }
}

function required(value: string | undefined, flag: string): string {
  if (!value?.trim()) throw new CliError(`--${flag} is required\n${USAGE}`);
  return value.trim();
}

async function createWorkspaceCommand(
  { database, auth }: { database: Database; auth: Auth },
  values: { name?: string; email?: string; password?: string },
): Promise<string[]> {
  const name = required(values.name, "name");
  const email = z.string().email().safeParse(required(values.email, "email").toLowerCase());
  if (!email.success) throw new CliError("--email is not a valid email address");
  const lines: string[] = [];
  const findUser = async () =>
    (
      await database.db
        .select({ id: users.id, name: users.name, email: users.email })
        .from(users)
        .where(eq(users.email, email.data))
    )[0];
  let user = await findUser();
  if (!user) {
    const password = values.password ?? randomBytes(12).toString("base64url");
    if (password.length < 8) throw new CliError("--password must be at least 8 characters");
    await auth.api.signUpEmail({
      body: { email: email.data, password, name: email.data.split("@")[0] ?? email.data },
    });
    user = await findUser();
    if (!user) throw new CliError("the user could not be created");
    lines.push(`created user ${email.data}`);
    if (!values.password)
      lines.push(`password: ${password}  (shown once; change it after signing in)`);
  }
  const workspace = await createWorkspace({ ctx: { db: database.db, user }, input: { name } });
  lines.push(
    `created workspace "${workspace.name}" (slug: ${workspace.slug}) with ${email.data} as admin`,
  );
  return lines;
}

async function createApiKeyCommand(
  { database }: { database: Database },
  values: { workspace?: string; scope?: string; name?: string },
): Promise<string[]> {
  const slug = required(values.workspace, "workspace");
  const scope = z.enum(API_KEY_SCOPES).safeParse(required(values.scope, "scope"));
  if (!scope.success) throw new CliError(`--scope must be one of ${API_KEY_SCOPES.join(", ")}`);
  const [workspace] = await database.db
    .select({ id: workspaces.id })
    .from(workspaces)
    .where(eq(workspaces.slug, slug));
  if (!workspace) throw new CliError(`no workspace with slug "${slug}"`);
  const [admin] = await database.db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspace.id), eq(memberships.role, "admin")))
    .limit(1);
  const created = await insertApiKey(database.db, {
    workspaceId: workspace.id,
    name: values.name?.trim() || `${scope.data} key (cli)`,
    scope: scope.data,
    createdBy: admin?.userId ?? "cli",
  });
  // The key alone on the last line, so `| tail -1` captures it in scripts.
  return [`created ${scope.data} API key "${created.name}" for ${slug} (shown once):`, created.key];
}
