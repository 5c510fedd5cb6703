import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

function start(env: Record<string, string>) {
  return spawnSync("npx", ["tsx", "scripts/start.ts"], {
    env: { ...process.env, ...env },
    encoding: "utf8",
    timeout: 60_000,
  });
}

describe("npm start with a bad DATABASE_URL", () => {
  it("says in one line that the server is unreachable, without a stack trace", () => {
    const result = start({ DATABASE_URL: "postgres://nobody@127.0.0.1:1/scorecraft" });
    expect(result.status).toBe(1);
    const lines = result.stderr.split("\n").filter((l) => l.trim() && !l.startsWith("npm warn"));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^scorecraft: Cannot reach the Postgres server at postgres:\/\/nobody@127\.0\.0\.1:1\/scorecraft: connection refused/);
    expect(result.stdout).not.toMatch(/building/);
  });

  it("names the variable when DATABASE_URL is not a Postgres URL", () => {
    const result = start({ DATABASE_URL: "mysql://x" });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/DATABASE_URL: must start with postgres:\/\//);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
