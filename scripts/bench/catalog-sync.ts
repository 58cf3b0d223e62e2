// `npm run bench catalog` (part of `npm run bench`): the catalog sync at
// 100,000 supplier SKUs. Creates a throwaway database and Redis db, runs the
// measurement in a child process (lib/db binds to one DATABASE_URL per
// process, and the order-loop bench uses another), then drops both.
import { spawnSync } from "node:child_process";
import { resource } from "./resources";

export async function benchCatalogSync() {
  const baseDb = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/portal?sslmode=disable";
  const baseRedis = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
  const databaseUrl = resource("create-db", baseDb);
  let redisUrl: string | null = null;
  try {
    redisUrl = resource("claim-redis", baseRedis, "bench catalog");
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      LOG_LEVEL: "warn",
      AUTH_SECRET: "bench-secret-0123456789abcdef",
      CREDENTIALS_KEY: "b".repeat(64),
    };
    console.log(`\ncatalog bench database ${databaseUrl.split("/").pop()?.split("?")[0]}, Redis ${redisUrl.split("/").pop()}`);
    const migrate = spawnSync("npx", ["dbmate", "--migrations-dir", "prisma/migrations", "--no-dump-schema", "up"], {
      env,
      stdio: ["ignore", "ignore", "inherit"],
    });
    if (migrate.status !== 0) throw new Error("dbmate up failed");
    const run = spawnSync(process.execPath, ["--import", "tsx", "--import", "./scripts/node-hooks.mjs", "scripts/bench/catalog-sync-run.ts"], {
      env,
      stdio: "inherit",
    });
    if (run.status !== 0) throw new Error("the catalog sync bench failed");
  } finally {
    resource("drop-db", databaseUrl);
    if (redisUrl) resource("release-redis", redisUrl);
  }
}
