// Create the database if it does not exist, then apply prisma/migrations with dbmate.
import { spawnSync } from "node:child_process";
import pg from "pg";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set (copy .env.example to .env)");
  process.exit(1);
}
const target = new URL(url);
const dbName = decodeURIComponent(target.pathname.slice(1));
const admin = new URL(url);
admin.pathname = "/postgres";
const client = new pg.Client({ connectionString: admin.toString() });
try {
  await client.connect();
  const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [dbName]);
  if (!rowCount) {
    await client.query(`CREATE DATABASE "${dbName.replace(/"/g, '""')}"`);
    console.log(`created database ${dbName}`);
  }
} catch (err) {
  console.error(`cannot reach Postgres at ${target.host}: ${err.message}`);
  process.exit(1);
} finally {
  await client.end().catch(() => {});
}
// dbmate wants sslmode spelled out for local servers
if (!target.searchParams.has("sslmode") && ["127.0.0.1", "localhost"].includes(target.hostname)) {
  target.searchParams.set("sslmode", "disable");
}
const r = spawnSync("npx", ["dbmate", "--migrations-dir", "prisma/migrations", "--no-dump-schema", "up"], {
  stdio: "inherit",
  env: { ...process.env, DATABASE_URL: target.toString() },
});
process.exit(r.status ?? 1);
