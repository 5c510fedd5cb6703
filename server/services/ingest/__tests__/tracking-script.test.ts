/**
 * The served tracking script parses as plain JavaScript and, run against a minimal fake browser,
 * sets the sc_aid cookie, sends a page view and queued calls as one text/plain beacon to the
 * collector next to the script, and carries the identified user id afterwards.
 */
import { describe, expect, it } from "vitest";
import { TRACKING_SCRIPT, TRACKING_STUB, trackingSnippet } from "../tracking-script";

interface Sent {
  url: string;
  body: {
    key: string;
    anonymousId: string;
    userId?: string;
    messages: {
      kind: string;
      type?: string;
      userId?: string;
      properties?: Record<string, unknown>;
      fields?: unknown;
    }[];
  };
  type: string;
}

function fakeBrowser(options: { cookie?: string } = {}) {
  const sent: Sent[] = [];
  const cookies: string[] = [];
  const storage = new Map<string, string>();
  const listeners: Record<string, (() => void)[]> = {};
  let cookieJar = options.cookie ?? "";
  let seed = 42;
  const document = {
    currentScript: {
      src: "https://scores.example.com/api/v1/t.js",
      getAttribute: (name: string) => (name === "data-key" ? "sc_publishablekey" : null),
    },
    querySelector: () => null,
    title: "Pricing",
    referrer: "https://search.example/",
    visibilityState: "visible",
    get cookie() {
      return cookieJar;
    },
    set cookie(value: string) {
      cookies.push(value);
      const [pair] = value.split(";");
      cookieJar = pair ?? "";
    },
    addEventListener: (name: string, fn: () => void) => (listeners[name] ??= []).push(fn),
  };
  const window: Record<string, unknown> = {
    location: {
      href: "https://shop.example/pricing?x=1",
      pathname: "/pricing",
      search: "?x=1",
      protocol: "https:",
    },
    navigator: {
      sendBeacon: (url: string, blob: Blob) => {
        void blob
          .text()
          .then((text) =>
            sent.push({ url, body: JSON.parse(text) as Sent["body"], type: blob.type }),
          );
        return true;
      },
    },
    crypto: {
      // Fills in place like the real one, with a different sequence on every call.
      getRandomValues: (a: Uint8Array) => {
        for (let i = 0; i < a.length; i++)
          a[i] = (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 256;
        return a;
      },
    },
    localStorage: {
      getItem: (k: string) => storage.get(k) ?? null,
      setItem: (k: string, v: string) => storage.set(k, v),
      removeItem: (k: string) => storage.delete(k),
    },
    history: { pushState() {}, replaceState() {} },
    addEventListener: (name: string, fn: () => void) => (listeners[name] ??= []).push(fn),
  };
  return { window, document, sent, cookies, storage };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 10));

describe("tracking script", () => {
  it("parses as a function body, and so do the stub and the snippet's inline part", () => {
    expect(() => new Function(TRACKING_SCRIPT)).not.toThrow();
    expect(() => new Function(TRACKING_STUB)).not.toThrow();
    expect(trackingSnippet("https://a.example", "sc_abc")).toContain('data-key="sc_abc"');
    expect(new TextEncoder().encode(TRACKING_SCRIPT).length).toBeLessThan(6 * 1024);
  });

  it("sends the page view and queued calls, sets sc_aid, then carries the identified id", async () => {
    const browser = fakeBrowser();
    // Calls made before the script loads, through the stub.
    new Function("window", TRACKING_STUB)(browser.window);
    const stub = browser.window.scorecraft as {
      track: (...a: unknown[]) => void;
      identify: (...a: unknown[]) => void;
    };
    stub.track("Signed Up", { plan: "pro" });
    stub.identify("user-9", { first_name: "Ada" });

    new Function("window", "document", TRACKING_SCRIPT)(browser.window, browser.document);
    await tick();

    const cookie = browser.cookies[0]!;
    expect(cookie).toMatch(
      /^sc_aid=[A-Za-z0-9]{22}; Max-Age=31536000; Path=\/; SameSite=Lax; Secure$/,
    );
    expect(browser.sent).toHaveLength(1);
    const first = browser.sent[0]!;
    expect(first.url).toBe("https://scores.example.com/api/v1/t");
    expect(first.type).toBe("text/plain");
    expect(first.body.key).toBe("sc_publishablekey");
    expect(first.body.userId).toBeUndefined();
    expect(first.body.messages.map((m) => m.kind + ":" + (m.type ?? m.userId))).toEqual([
      "track:page_viewed",
      "track:Signed Up",
      "identify:user-9",
    ]);
    expect(first.body.messages[0]?.properties).toEqual({
      url: "https://shop.example/pricing?x=1",
      path: "/pricing",
      title: "Pricing",
      referrer: "https://search.example/",
    });

    const api = browser.window.scorecraft as {
      track: (t: string, p?: unknown) => void;
      reset: () => void;
    };
    api.track("clicked_cta");
    await tick();
    expect(browser.sent[1]?.body).toMatchObject({
      userId: "user-9",
      anonymousId: first.body.anonymousId,
    });
    expect(browser.storage.get("sc_uid")).toBe("user-9");

    api.reset();
    api.track("after_logout");
    await tick();
    expect(browser.sent[2]?.body.userId).toBeUndefined();
    expect(browser.sent[2]?.body.anonymousId).not.toBe(first.body.anonymousId);
  });

  it("keeps an existing anonymous id from the first-party cookie", async () => {
    const browser = fakeBrowser({ cookie: "sc_aid=existing-visitor-1" });
    new Function("window", "document", TRACKING_SCRIPT)(browser.window, browser.document);
    await tick();
    expect(browser.sent[0]?.body.anonymousId).toBe("existing-visitor-1");
  });
});
