/**
 * Shared account helpers for specs: the seeded demo admin, unique throwaway users, and a clean
 * (signed-out) browser state for specs that sign in or up themselves.
 */
import os from "node:os";
import path from "node:path";
import { expect, type APIRequestContext, type Page } from "@playwright/test";

/**
 * The demo admin's signed-in browser state, written once per run by auth.setup.ts (before any
 * spec, so never stale) and loaded by every spec. Outside test-results/: a concurrent run in the
 * same checkout empties that directory when it starts. One file per port, one per server.
 */
export const DEMO_STATE = path.join(
  os.tmpdir(),
  `scorecraft-e2e-auth-${process.env.E2E_PORT ?? "3100"}`,
  "demo.json",
);

/** Seeded on the server's first start (server/services/workspace/seed-demo-workspace.ts). */
export const DEMO_ADMIN = { email: "demo@scorecraft.dev", password: "scorecraft-demo" };

/** For `test.use({ storageState: SIGNED_OUT })`: the project default is the demo admin. */
export const SIGNED_OUT = { cookies: [], origins: [] };

/** A user nobody else in this run (or an earlier run on the same server) has signed up as. */
export function uniqueUser(label: string) {
  const id = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
  return {
    name: `${label} ${id.slice(-4).toUpperCase()}`,
    email: `${label.toLowerCase().replace(/\W+/g, "-")}-${id}@example.test`,
    password: `pw-${id}-long-enough`,
  };
}

/** Fills and submits the sign-up form on the current page (which must be /sign-up). */
export async function signUp(page: Page, user: { name: string; email: string; password: string }) {
  await page.getByRole("textbox", { name: "Name" }).fill(user.name);
  await page.getByRole("textbox", { name: "Email" }).fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).not.toHaveURL(/\/sign-up/);
}

/**
 * Signs a new user up over HTTP (no page), returning a request context carrying their session.
 * The auth endpoints check the Origin header of state-changing requests, as a browser sends it.
 */
export async function signUpOverHttp(
  playwright: { request: { newContext: (o: object) => Promise<APIRequestContext> } },
  baseURL: string,
  user: { name: string; email: string; password: string },
): Promise<APIRequestContext> {
  const request = await playwright.request.newContext({
    baseURL,
    storageState: SIGNED_OUT,
    extraHTTPHeaders: { origin: new URL(baseURL).origin },
  });
  const res = await request.post("/api/auth/sign-up/email", { data: user });
  expect(res.ok(), `sign-up failed: ${res.status()} ${await res.text()}`).toBe(true);
  return request;
}
