import { describe, expect, it } from "vitest";
import { apiEdgeResponse } from "../edge";

async function answer(method: string, path: string) {
  const response = apiEdgeResponse(method, path);
  if (!response) return null;
  return { status: response.status, allow: response.headers.get("allow"), body: await response.json() };
}

describe("the API edge", () => {
  it("lets known paths and methods through", async () => {
    expect(await answer("POST", "/api/v1/events")).toBeNull();
    expect(await answer("GET", "/api/v1/contacts/u-1")).toBeNull();
    expect(await answer("GET", "/api/v1/contacts/a%20b/scores/lead/explain")).toBeNull();
    expect(await answer("OPTIONS", "/api/v1/t")).toBeNull();
    expect(await answer("GET", "/dashboard")).toBeNull();
  });

  it.each(["/api/v1/contacts/%ff", "/api/v1/contacts/%", "/api/v1/contacts/50%"])(
    "answers 400 in the JSON error shape for bad percent-encoding: %s",
    async (path) => {
      const result = await answer("GET", path);
      expect(result).toMatchObject({ status: 400, body: { error: { code: "BAD_REQUEST" } } });
      expect(result?.body.error.message).toMatch(/percent-encoding/);
    },
  );

  it("answers 400 for a NUL in the path", async () => {
    expect(await answer("GET", "/api/v1/contacts/a%00b")).toMatchObject({ status: 400 });
  });

  it("answers 404 JSON for unknown paths and 405 JSON with Allow for wrong methods", async () => {
    expect(await answer("GET", "/api/v1/nope")).toMatchObject({
      status: 404,
      body: { error: { code: "NOT_FOUND" } },
    });
    expect(await answer("DELETE", "/api/v1/events")).toMatchObject({
      status: 405,
      allow: "POST, OPTIONS",
      body: { error: { code: "METHOD_NOT_ALLOWED" } },
    });
    expect(await answer("PUT", "/api/v1/models/lead")).toMatchObject({ status: 405 });
  });
});
