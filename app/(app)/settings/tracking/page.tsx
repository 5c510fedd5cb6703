import type { Metadata } from "next";
import Link from "next/link";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { getCaller } from "@/trpc/server";
import { CopySnippet } from "./copy-snippet";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Tracking" };

const code = "rounded bg-zinc-100 px-1 py-0.5 font-mono text-[12px] text-zinc-800";

/**
 * Browser tracking: the snippet to paste into a site's <head>, the workspace's publishable keys
 * (by prefix: the full key is shown once, when it is created) and how to record activity.
 */
export default async function TrackingPage() {
  const setup = await (await getCaller()).tracking.setup();
  const hasKey = setup.publishableKeys.length > 0;
  return (
    <div className="max-w-3xl space-y-6">
      <Card>
        <CardHeader
          title="Tracking snippet"
          description="Paste into the <head> of every page of your site. It records page views and sends them to this workspace."
        />
        <CardBody className="space-y-4 text-sm text-zinc-700">
          <CopySnippet snippet={setup.snippet} />
          {hasKey ? (
            <p>
              Replace <code className={code}>{setup.publishableKeys[0]!.prefix}…</code> with the
              full publishable key, which was shown once when it was created. Lost it? Create a new
              one.
            </p>
          ) : (
            <p>
              Replace <code className={code}>YOUR_PUBLISHABLE_KEY</code> with a{" "}
              <strong>publishable</strong> key.{" "}
              {setup.canCreateKeys ? (
                <>
                  Create one on{" "}
                  <Link href="/settings/api-keys" className="text-indigo-700 underline">
                    API keys
                  </Link>{" "}
                  with the scope “publishable”.
                </>
              ) : (
                "Ask a workspace admin to create one on Settings → API keys with the scope “publishable”."
              )}
            </p>
          )}
          <p className="text-[13px] text-zinc-500">
            A publishable key can only send tracking events, so it is safe in a web page. Never put
            a write, read or admin key in a page.
          </p>
        </CardBody>
      </Card>

      <Card>
        <CardHeader
          title="Publishable keys"
          description="Keys that may send browser tracking events."
        />
        <CardBody>
          {hasKey ? (
            <ul className="divide-y divide-zinc-100 text-sm" data-testid="publishable-keys">
              {setup.publishableKeys.map((key) => (
                <li key={key.prefix} className="flex items-center justify-between py-2">
                  <span className="font-medium text-zinc-900">{key.name}</span>
                  <span className="font-mono text-[13px] text-zinc-600">{key.prefix}…</span>
                  <span className="text-[13px] text-zinc-500">
                    {key.lastUsedAt
                      ? `last used ${key.lastUsedAt.toISOString().slice(0, 10)}`
                      : "never used"}
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-zinc-600">No publishable key yet.</p>
          )}
        </CardBody>
      </Card>

      <Card>
        <CardHeader
          title="Recording activity"
          description="After the snippet, from your site's code."
        />
        <CardBody className="space-y-3 text-sm text-zinc-700">
          <p>
            <code className={code}>
              scorecraft.track(&quot;demo_requested&quot;, {'{ plan: "pro" }'})
            </code>{" "}
            records a custom activity (the type is stored in snake_case).
          </p>
          <p>
            <code className={code}>
              scorecraft.identify(&quot;user-123&quot;, {'{ first_name: "Ada" }'})
            </code>{" "}
            when the visitor signs in: their anonymous activity moves to the contact with that
            externalId. Fields only fill values the contact does not have yet.
          </p>
          <p>
            <code className={code}>scorecraft.reset()</code> on sign-out. Page views are recorded on
            load and on in-app navigation; add{" "}
            <code className={code}>data-auto-page=&quot;false&quot;</code> to the script tag to send
            them yourself with <code className={code}>scorecraft.page()</code>.
          </p>
          <p className="text-[13px] text-zinc-500">
            The visitor&apos;s anonymous id is kept in a first-party cookie{" "}
            <code className={code}>sc_aid</code> for a year. Script:{" "}
            <code className={code}>{setup.scriptUrl}</code>
          </p>
        </CardBody>
      </Card>
    </div>
  );
}
