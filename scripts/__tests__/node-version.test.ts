/**
 * The Node version the README says is tested is the one `.nvmrc` pins and the lowest `engines`
 * accepts, and the suite runs on a version `engines` accepts (CI runs it on exactly that one).
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
    expect(pkg.engines.node).toBe(`>=${tested}.0`);
  });

  it("is at most the version running these tests", () => {
    const [major = 0, minor = 0] = process.versions.node.split(".").map(Number);
    const [wantMajor = 0, wantMinor = 0] = tested.split(".").map(Number);
    expect(major * 1000 + minor, `engines asks for Node ${tested} or newer`).toBeGreaterThanOrEqual(
      wantMajor * 1000 + wantMinor,
    );
  });
});
