/**
 * The Node version the README says is tested is the one `.nvmrc` pins, the one `engines` accepts,
 * and the one this suite is running on (so a passing suite is a test of that version).
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = process.cwd();
const read = (file: string) => fs.readFileSync(path.join(root, file), "utf8");
const tested = read(".nvmrc").trim();

describe("the tested Node version", () => {
  it("is named in the README and matched by engines", () => {
    expect(tested).toMatch(/^\d+\.\d+$/);
    expect(read("README.md")).toContain(`the test suite runs on **Node.js ${tested}**`);
    const pkg = JSON.parse(read("package.json")) as { engines: { node: string } };
    expect(pkg.engines.node).toBe(`^${tested}.0`);
  });

  it("is the version running these tests", () => {
    const [major, minor] = process.versions.node.split(".");
    expect(`${major}.${minor}`, `the README and engines name Node ${tested}`).toBe(tested);
  });
});
