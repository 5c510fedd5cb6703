/**
 * The browser tracking script served at /api/v1/t.js: plain ES5, no dependencies, ~3 KB.
 *
 *   <script>window.scorecraft=window.scorecraft||{q:[],track:function(){this.q.push(["track",arguments])},
 *     identify:function(){this.q.push(["identify",arguments])},page:function(){this.q.push(["page",arguments])}};</script>
 *   <script async src="https://<app>/api/v1/t.js" data-key="<publishable key>"></script>
 *
 * - A page view (`page_viewed`: url, path, title, referrer) on load and on SPA navigation
 *   (history.pushState / popstate), unless `data-auto-page="false"`.
 * - `scorecraft.track(type, properties)`, `scorecraft.identify(externalId, fields)`,
 *   `scorecraft.page(properties)`, `scorecraft.reset()` (on sign-out).
 * - The anonymous id lives in a first-party cookie `sc_aid` (1 year, SameSite=Lax, Secure on
 *   https) set by the script on the site's own domain; the identified id in localStorage.
 * - Messages are batched per tick and sent with navigator.sendBeacon as text/plain JSON (no CORS
 *   preflight, survives page unload), falling back to fetch with keepalive.
 */
export const TRACKING_SCRIPT = String.raw`/* Scorecraft tracking: https://github.com/scorecraft (MIT) */
(function (w, d) {
  "use strict";
  var stub = w.scorecraft;
  if (stub && stub.loaded) return;
  var tag = d.currentScript || d.querySelector('script[src*="/api/v1/t.js"]');
  var attr = function (n) { return tag ? tag.getAttribute(n) : null; };
  var key = attr("data-key") || (stub && stub.key) || "";
  var endpoint = attr("data-endpoint") || (tag && tag.src ? tag.src.replace(/\/t\.js(?:[?#].*)?$/, "/t") : "/api/v1/t");
  var COOKIE = "sc_aid", UID = "sc_uid", YEAR = 31536000;
  var ID = /^[A-Za-z0-9_-]{8,64}$/;

  function random(n) {
    var chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", out = "", bytes, i;
    var c = w.crypto || w.msCrypto;
    if (c && c.getRandomValues) { bytes = new Uint8Array(n); c.getRandomValues(bytes); }
    for (i = 0; i < n; i++) out += chars.charAt((bytes ? bytes[i] : Math.floor(Math.random() * 256)) % 62);
    return out;
  }
  function readCookie(name) {
    var m = d.cookie.match(new RegExp("(?:^|; )" + name + "=([^;]*)"));
    return m ? decodeURIComponent(m[1]) : null;
  }
  function writeCookie(name, value, maxAge) {
    d.cookie = name + "=" + encodeURIComponent(value) + "; Max-Age=" + maxAge + "; Path=/; SameSite=Lax" +
      (w.location.protocol === "https:" ? "; Secure" : "");
  }
  function store(name, value) {
    try { if (value === null) w.localStorage.removeItem(name); else w.localStorage.setItem(name, value); } catch (e) { /* private mode */ }
  }
  function stored(name) {
    try { return w.localStorage.getItem(name); } catch (e) { return null; }
  }

  var aid = readCookie(COOKIE);
  if (!aid || !ID.test(aid)) aid = random(22);
  writeCookie(COOKIE, aid, YEAR); // refreshed on every visit: a year after the last one
  var uid = stored(UID);
  var queue = [], timer = null;

  function flush() {
    timer = null;
    if (!queue.length) return;
    var body = JSON.stringify({ key: key, anonymousId: aid, userId: uid || undefined, messages: queue.splice(0, 50) });
    var sent = false;
    try { sent = !!(w.navigator.sendBeacon && w.navigator.sendBeacon(endpoint, new Blob([body], { type: "text/plain" }))); } catch (e) { sent = false; }
    if (!sent && w.fetch) {
      w.fetch(endpoint, { method: "POST", body: body, keepalive: true, mode: "cors", credentials: "omit",
        headers: { "content-type": "text/plain" } })["catch"](function () {});
    }
    if (queue.length) flush();
  }
  function enqueue(message) {
    queue.push(message);
    if (!timer) timer = setTimeout(flush, 0);
  }
  function object(value) {
    return value && typeof value === "object" && !(value instanceof Array) ? value : {};
  }

  var api = {
    loaded: true,
    track: function (type, properties) {
      if (!type) return;
      enqueue({ kind: "track", eventId: random(20), type: String(type), properties: object(properties) });
    },
    page: function (properties) {
      var p = object(properties), merged = { url: w.location.href, path: w.location.pathname, title: d.title, referrer: d.referrer }, k;
      for (k in p) if (Object.prototype.hasOwnProperty.call(p, k)) merged[k] = p[k];
      api.track("page_viewed", merged);
    },
    identify: function (externalId, fields) {
      if (externalId === undefined || externalId === null || externalId === "") return;
      enqueue({ kind: "identify", userId: String(externalId), fields: object(fields) });
      flush(); // the message carries the previous user id; later ones carry this one
      uid = String(externalId);
      store(UID, uid);
    },
    reset: function () {
      flush();
      uid = null;
      store(UID, null);
      aid = random(22);
      writeCookie(COOKIE, aid, YEAR);
    }
  };
  w.scorecraft = api;

  if (attr("data-auto-page") !== "false") {
    var lastPath = w.location.pathname + w.location.search;
    var onNavigate = function () {
      var path = w.location.pathname + w.location.search;
      if (path !== lastPath) { lastPath = path; api.page(); }
    };
    var wrap = function (name) {
      var original = w.history[name];
      if (typeof original !== "function") return;
      w.history[name] = function () { var result = original.apply(this, arguments); setTimeout(onNavigate, 0); return result; };
    };
    wrap("pushState");
    wrap("replaceState");
    w.addEventListener("popstate", onNavigate);
    api.page();
  }
  var pending = stub && stub.q instanceof Array ? stub.q : [];
  for (var i = 0; i < pending.length; i++) {
    var call = pending[i], fn = api[call[0]];
    if (typeof fn === "function") fn.apply(api, Array.prototype.slice.call(call[1] || []));
  }
  d.addEventListener("visibilitychange", function () { if (d.visibilityState === "hidden") flush(); });
  w.addEventListener("pagehide", flush);
})(window, document);
`;

/** The stub to paste before the script, so calls made before it loads are queued, not lost. */
export const TRACKING_STUB =
  'window.scorecraft=window.scorecraft||{q:[],track:function(){this.q.push(["track",arguments])},' +
  'identify:function(){this.q.push(["identify",arguments])},page:function(){this.q.push(["page",arguments])}};';

/** The snippet a site pastes into its <head>. */
export function trackingSnippet(appUrl: string, publishableKey: string): string {
  return [
    `<script>${TRACKING_STUB}</script>`,
    `<script async src="${appUrl}/api/v1/t.js" data-key="${publishableKey}"></script>`,
  ].join("\n");
}
