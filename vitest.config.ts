import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = { "@": path.resolve(import.meta.dirname) };
const intFiles = ["**/*.int.test.ts"];
const exclude = ["node_modules/**", ".next/**", "e2e/**", ".data/**"];

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["**/*.test.ts"],
          exclude: [...exclude, ...intFiles],
          environment: "node",
        },
      },
      {
        resolve: { alias },
        test: {
          name: "int-pglite",
          include: intFiles,
          exclude,
          env: { TEST_DB: "pglite" },
          setupFiles: ["./vitest.setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "int-postgres",
          include: intFiles,
          exclude,
          env: { TEST_DB: "postgres" },
          setupFiles: ["./vitest.setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
