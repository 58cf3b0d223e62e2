// `npm run bench email` (part of `npm run bench`): how long an email sits
// between the SMTP server's acceptance and our sent mark (email once).
// A throwaway database, measured in a child process (lib/db binds to one DATABASE_URL).
import { spawnSync } from "node:child_process";
import { resource } from "./resources";

export async function benchEmailWindow() {
  const baseDb = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/portal?sslmode=disable";
  const databaseUrl = resource("create-db", baseDb);
  try {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: "warn",
      AUTH_SECRET: "bench-secret-0123456789abcdef",
      CREDENTIALS_KEY: "b".repeat(64),
    };
    const migrate = spawnSync("npx", ["dbmate", "--migrations-dir", "prisma/migrations", "--no-dump-schema", "up"], {
      env,
      stdio: ["ignore", "ignore", "inherit"],
    });
    if (migrate.status !== 0) throw new Error("dbmate up failed");
    const run = spawnSync(process.execPath, ["--import", "tsx", "--import", "./scripts/node-hooks.mjs", "scripts/bench/email-window-run.ts"], {
      env,
      stdio: "inherit",
    });
    if (run.status !== 0) throw new Error("the email bench failed");
  } finally {
    resource("drop-db", databaseUrl);
  }
}
