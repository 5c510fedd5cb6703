"use client";
/**
 * The browser half of better-auth. Same origin as the app, so the default base URL
 * (window.location.origin + /api/auth) is right behind any host name or proxy.
 */
import { createAuthClient } from "better-auth/react";

export const authClient = createAuthClient();
