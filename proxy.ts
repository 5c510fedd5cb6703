/**
 * An optimistic check before app pages render: without a session cookie, go to sign-in and come
 * back afterwards (`?next=`). The real check (session and membership) happens on the server for
 * every page and procedure; this only keeps the page the user asked for.
 */
import { getSessionCookie } from "better-auth/cookies";
import { NextResponse, type NextRequest } from "next/server";
import { API_PREFIX, apiEdgeResponse } from "./server/rest/edge";

export function proxy(request: NextRequest) {
  // The public API authenticates by key in its routes; here only its edge answers (400/404/405).
  if (request.nextUrl.pathname.startsWith(API_PREFIX)) {
    return apiEdgeResponse(request.method, request.nextUrl.pathname) ?? NextResponse.next();
  }
  if (getSessionCookie(request)) return NextResponse.next();
  const signIn = new URL("/sign-in", request.url);
  const next = `${request.nextUrl.pathname}${request.nextUrl.search}`;
  if (next !== "/") signIn.searchParams.set("next", next);
  return NextResponse.redirect(signIn);
}

export const config = {
  matcher: [
    "/",
    "/scores/:path*",
    "/audiences/:path*",
    "/journeys/:path*",
    "/people/:path*",
    "/data/:path*",
    "/settings/:path*",
    "/api/v1/:path*",
  ],
};
