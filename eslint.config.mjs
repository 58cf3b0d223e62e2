// ESLint 9 flat config: Next.js (core web vitals) + typescript-eslint recommended.
// `next lint` is gone in Next 16; `npm run lint` runs `eslint .` with this file.
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      // `_`-prefixed arguments and variables are deliberately unused.
      "@typescript-eslint/no-unused-vars": ["warn", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_" }],
      // No runtime import cycles (type-only imports are erased and may cross); the domain
      // layering in ARCHITECTURE.md is checked by lib/architecture.test.ts.
      "import/no-cycle": ["error", { ignoreExternal: true, allowUnsafeDynamicCyclicDependency: false }],
    },
  },
  {
    ignores: [
      ".next/**",
      ".next-*/**", // other build dirs (NEXT_DIST_DIR): .next-test, .next-bench
      "node_modules/**",
      "lib/db/generated/**",
      "test-results/**",
      "test-results-*/**",
      "playwright-report/**",
      ".demo/**",
      ".tmp/**",
      "bench-results/**",
      "next-env.d.ts",
    ],
  },
];

export default config;
