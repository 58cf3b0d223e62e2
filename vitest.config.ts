import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      // "server-only" throws outside React Server Components; tests run lib code directly.
      { find: /^server-only$/, replacement: `${root}tests/helpers/empty.ts` },
      // Same "@/…" paths as tsconfig.json.
      { find: /^@\//, replacement: root },
    ],
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          environment: "node",
          include: ["lib/**/*.test.{ts,tsx}", "dev/**/*.test.{ts,tsx}", "prisma/**/*.test.{ts,tsx}", "emails/**/*.test.{ts,tsx}", "workers/**/*.test.{ts,tsx}"],
        },
      },
      {
        extends: true,
        test: {
          // Real Postgres and Redis: DATABASE_URL / REDIS_URL come from the
          // environment (scripts/test.sh creates a fresh database and picks a
          // free Redis db). Files run one at a time since they share both.
          name: "integration",
          environment: "node",
          include: ["tests/integration/**/*.test.{ts,tsx}"],
          setupFiles: ["tests/helpers/integration-setup.ts"],
          fileParallelism: false,
          testTimeout: 90_000,
          hookTimeout: 90_000,
        },
      },
    ],
  },
});
