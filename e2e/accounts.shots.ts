/**
 * Screenshots of the account pages for docs/screenshots (`npm run screenshots`): the sign-in page
 * and the members page with a few people and a pending invitation. Kept apart from
 * screenshots.shots.ts, which another area owns.
 */
import path from "node:path";
import { expect, test } from "@playwright/test";
import { SIGNED_OUT, signUpOverHttp } from "./support/accounts";
import { trpcMutation, trpcQuery } from "./support/trpc";

const OUT = path.join(process.cwd(), "docs", "screenshots");

test.describe("signed out", () => {
  test.use({ storageState: SIGNED_OUT });

  test("sign-in page", async ({ page }) => {
    await page.goto("/sign-in");
    await expect(page.getByTestId("demo-credentials")).toBeVisible();
    await page.screenshot({ path: path.join(OUT, "sign-in-1440.png") });
  });
});

test("members page", async ({ page, request, playwright, baseURL }) => {
  if (!baseURL) throw new Error("baseURL is not set");
  // Two teammates who joined through invitations, and one link still pending. Skipped when a
  // previous run against the same server already added them.
  const people = [
    { name: "Grace Hopper", email: "grace@example.com", role: "editor" as const },
    { name: "Alan Turing", email: "alan@example.com", role: "viewer" as const },
  ];
  const members = await trpcQuery<{ email: string }[]>(request, "member.list");
  for (const person of people) {
    if (members.some((m) => m.email === person.email)) continue;
    const invitation = await trpcMutation<{ token: string }>(request, "invitation.create", {
      role: person.role,
    });
    const theirs = await signUpOverHttp(playwright, baseURL, {
      ...person,
      password: "a-long-enough-password",
    });
    await trpcMutation(theirs, "invitation.accept", { token: invitation.token });
    await theirs.dispose();
  }
  const pending = await trpcQuery<unknown[]>(request, "invitation.list");
  if (pending.length === 0) {
    await trpcMutation(request, "invitation.create", { role: "editor", expiresInDays: 14 });
  }

  await page.goto("/settings/members");
  await expect(page.getByRole("row", { name: /Alan Turing/ })).toBeVisible();
  await expect(page.getByTestId("invitation-row").first()).toBeVisible();
  await page.screenshot({ path: path.join(OUT, "members-1440.png") });
});
