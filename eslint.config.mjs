// Flat config (Next 16 has no `next lint`): Next's rules plus the layering of the code base
// (README, Layout), enforced with no-restricted-imports so the dependency arrows stay one-way.
import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

// Matches "@/server", "../server/x", "./db", "../../db/schema" but not "next/server".
const relOrAlias = (dir) => `^(@/|(\\.\\./)+|\\./)${dir}(/.*)?$`;

const serverAndDb = [
  {
    regex: relOrAlias("(server|db)"),
    message:
      "UI code must not import server/ or db/: go through tRPC (trpc/client, trpc/server). See the README's Layout section.",
  },
];

const config = [
  {
    ignores: [
      ".next/**",
      ".next-*/**",
      "node_modules/**",
      "coverage/**",
      "playwright-report/**",
      "test-results/**",
      "next-env.d.ts",
      "db/migrations/**",
      "bench/results/**",
    ],
  },
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_" },
      ],
    },
  },
  // Plain Node code (scripts, seeds, benchmarks) is not bundled by Next; its module rules do not apply.
  {
    files: ["scripts/**/*.ts", "bench/**/*.ts", "db/**/*.ts"],
    rules: {
      "@next/next/no-assign-module-variable": "off",
    },
  },
  // UI: components and pages never reach into the server or the database. Route handlers
  // (app/api/**) are the server's HTTP edge and may.
  {
    files: ["components/**/*.{ts,tsx}", "app/**/*.{ts,tsx}"],
    ignores: ["app/api/**"],
    rules: {
      "@typescript-eslint/no-restricted-imports": ["error", { patterns: serverAndDb }],
    },
  },
  // The tRPC client may see the router's *types* only; the server half (trpc/server.tsx) is
  // server-only and wires the router in.
  {
    files: ["trpc/**/*.{ts,tsx}"],
    ignores: ["trpc/server.tsx"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        { patterns: serverAndDb.map((p) => ({ ...p, allowTypeImports: true })) },
      ],
    },
  },
  // The engine is pure: no framework, transport or persistence.
  {
    files: ["core/**/*.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              // drizzle-orm's `sql` builder is allowed (compile-sql emits fragments); drivers are not.
              regex:
                "^(next|react|react-dom|@trpc|postgres|pg|pg-boss|@electric-sql|drizzle-orm/(pglite|postgres-js|node-postgres)[^/]*)(/.*)?$",
              message:
                "core/ is pure: it imports nothing from next, react, @trpc or a database driver.",
            },
            {
              regex: relOrAlias("(server|db|app|components|trpc)"),
              message:
                "core/ must not import from layers above it (server, db, app, components, trpc).",
            },
          ],
        },
      ],
    },
  },
  // Settings are read in one place: server/env.ts (validated) and, for the browser, trpc/public-env.ts.
  // Next's bundler switch (instrumentation.ts) and build/test tooling read their own.
  {
    files: ["**/*.{ts,tsx,js,mjs}"],
    ignores: [
      "server/env.ts",
      "trpc/public-env.ts",
      "instrumentation.ts",
      "next.config.js",
      "playwright.config.ts",
      "vitest.config.ts",
      "drizzle.config.ts",
      "db/testing.ts",
      "scripts/**",
      "bench/**",
      "e2e/**",
      "**/__tests__/**",
      "**/*.test.ts",
    ],
    rules: {
      "no-restricted-properties": [
        "error",
        {
          object: "process",
          property: "env",
          message:
            "Read settings from server/env.ts (server) or trpc/public-env.ts (browser), not process.env.",
        },
      ],
    },
  },
];

export default config;
