/**
 * The API authorization matrix: every /api/v1 operation × every kind of key (write, read, admin,
 * publishable, another workspace's admin key, none) → the expected status, generated from one
 * table. The table is keyed by the operation table the routes and OpenAPI are built from, so an
 * operation missing here fails to compile and fails this suite.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as explainRoute } from "../../app/api/v1/contacts/[externalId]/scores/[modelKey]/explain/route";
import { GET as getContactRoute } from "../../app/api/v1/contacts/[externalId]/route";
import { POST as postContacts } from "../../app/api/v1/contacts/route";
import { POST as postEvents } from "../../app/api/v1/events/route";
import { POST as publishRoute } from "../../app/api/v1/models/[key]/publish/route";
import { GET as exportRoute, PATCH as patchRoute } from "../../app/api/v1/models/[key]/route";
import { POST as importRoute } from "../../app/api/v1/models/route";
import { GET as openapiRoute } from "../../app/api/v1/openapi.json/route";
import { POST as segmentBatch } from "../../app/api/v1/segment/batch/route";
import { POST as segmentIdentify } from "../../app/api/v1/segment/identify/route";
import { POST as segmentTrack } from "../../app/api/v1/segment/track/route";
import { GET as scriptRoute } from "../../app/api/v1/t.js/route";
import { POST as collectRoute } from "../../app/api/v1/t/route";
import { createTestDatabase, testTarget, type TestDatabase } from "../../db/testing";
import { OPERATIONS, type OperationId } from "../rest/operations";
import { scopeAllows, type ApiKeyScope } from "../services/api-key/authenticate";
import { call, setupApi, teardownApi, type ApiWorld } from "./api-helpers";
import { leadDocument } from "./fixtures";

type Persona = ApiKeyScope | "other" | "none";
const PERSONAS: Persona[] = ["write", "read", "admin", "publishable", "other", "none"];

interface Entry {
  handler: unknown;
  /** The path names a resource of the target workspace: another workspace's key gets 404. */
  scoped: boolean;
  params?: Record<string, string>;
  body?: (n: number) => unknown;
}

const event = (n: number) => ({
  eventId: `authz-${n}`,
  contactId: "c1",
  type: "logged_in",
  occurredAt: "2026-05-01T10:00:00Z",
});

const MATRIX: Record<OperationId, Entry> = {
  upsertContacts: { handler: postContacts, scoped: false, body: () => [{ externalId: "c1" }] },
  recordEvents: { handler: postEvents, scoped: false, body: (n) => [event(n)] },
  getContact: { handler: getContactRoute, scoped: true, params: { externalId: "target-only" } },
  explainScore: {
    handler: explainRoute,
    scoped: true,
    params: { externalId: "target-only", modelKey: "lead" },
  },
  exportModel: { handler: exportRoute, scoped: true, params: { key: "lead" } },
  importModel: {
    handler: importRoute,
    scoped: false,
    body: () => leadDocument({ key: "imported" }),
  },
  publishModel: { handler: publishRoute, scoped: true, params: { key: "lead" } },
  setModelEnabled: {
    handler: patchRoute,
    scoped: true,
    params: { key: "lead" },
    body: () => ({ enabled: true }),
  },
  segmentIdentify: {
    handler: segmentIdentify,
    scoped: false,
    body: (n) => ({ messageId: `i-${n}`, userId: "c1", traits: {} }),
  },
  segmentTrack: {
    handler: segmentTrack,
    scoped: false,
    body: (n) => ({ messageId: `t-${n}`, userId: "c1", event: "Logged In" }),
  },
  segmentBatch: {
    handler: segmentBatch,
    scoped: false,
    body: (n) => ({ batch: [{ type: "track", messageId: `b-${n}`, userId: "c1", event: "X" }] }),
  },
  collect: {
    handler: collectRoute,
    scoped: false,
    body: (n) => ({
      anonymousId: "authz-visitor",
      messages: [{ kind: "track", eventId: `authz-beacon-${n}`, type: "page_viewed" }],
    }),
  },
  trackingScript: { handler: scriptRoute, scoped: false },
  openapi: { handler: openapiRoute, scoped: false },
};

type Outcome = "2xx" | 401 | 403 | 404;

function expected(id: OperationId, persona: Persona): Outcome {
  const op = OPERATIONS[id];
  const entry = MATRIX[id];
  if (op.scope === null) return "2xx";
  if (persona === "none") return 401;
  // Another workspace's admin key may do anything, in its own workspace only.
  if (persona === "other") return entry.scoped ? 404 : "2xx";
  return scopeAllows(persona, op.scope) ? "2xx" : 403;
}

describe(`API authorization matrix (${testTarget()})`, () => {
  let database: TestDatabase;
  let world: ApiWorld;
  let counter = 0;

  beforeAll(async () => {
    database = await createTestDatabase();
    world = await setupApi(database, "authz");
    // The target workspace has a contact and a published model for the scoped routes.
    // Ingest calls (from any workspace) write "c1"; only the target workspace has "target-only".
    await call(postContacts, {
      key: world.keys.write,
      path: "/contacts",
      body: [{ externalId: "target-only" }],
    });
    await call(importRoute, { key: world.keys.admin, path: "/models", body: leadDocument() });
    await call(publishRoute, {
      key: world.keys.admin,
      method: "POST",
      path: "/models/lead/publish",
      params: { key: "lead" },
    });
  });
  afterAll(async () => {
    teardownApi();
    await database?.destroy();
  });

  it("lists every operation of the API", () => {
    expect(Object.keys(MATRIX).sort()).toEqual(Object.keys(OPERATIONS).sort());
  });

  const keyOf = (persona: Persona): string | null =>
    persona === "none" ? null : persona === "other" ? world.keys.otherAdmin : world.keys[persona];

  for (const id of Object.keys(MATRIX) as OperationId[]) {
    const op = OPERATIONS[id];
    describe(`${op.method} ${op.path}`, () => {
      for (const persona of PERSONAS) {
        it(`${persona} → ${String(expected(id, persona))}`, async () => {
          const entry = MATRIX[id];
          const res = await call(entry.handler, {
            method: op.method,
            key: keyOf(persona),
            path: op.path,
            params: entry.params,
            body: entry.body?.(++counter),
          });
          const outcome = expected(id, persona);
          if (outcome === "2xx") {
            expect(res.status, res.text).toBeGreaterThanOrEqual(200);
            expect(res.status, res.text).toBeLessThan(300);
          } else {
            expect(res.status, res.text).toBe(outcome);
            expect(res.json.error?.code).toBe(
              { 401: "UNAUTHORIZED", 403: "FORBIDDEN", 404: "NOT_FOUND" }[outcome],
            );
          }
        });
      }
    });
  }
});
