// Per-run test resources for scripts/test.sh, so concurrent runs never share data:
//   create-db <database-url>     create portal_test_<yyyymmddhhmmss>_<pid> on that server, print its URL
//                                (also drops portal_test_* databases left behind more than a day ago)
//   drop-db <database-url>       drop that database (FORCE: stray connections are closed)
//   claim-redis <redis-url> <owner>
//                                pick an empty Redis logical db in 1..15 (random start), claim it with a
//                                NX key, print the URL with that db index (db 0 stays the demo's);
//                                a db a killed run left behind (marked, claim expired) is flushed and reused
//   release-redis <redis-url>    FLUSHDB that logical db
import pg from "pg";
import { Redis } from "ioredis";

const [cmd, url, owner] = process.argv.slice(2);
const STALE_MS = 24 * 3600 * 1000;
const CLAIM_KEY = "portal:test-run:claim"; // expires: a run holds its db at most 3 h
const MARK_KEY = "portal:test-run:mark"; // never expires: "this db belongs to test runs"

function adminUrl(u) {
  const a = new URL(u);
  a.pathname = "/postgres";
  return a.toString();
}

async function withPg(u, fn) {
  const client = new pg.Client({ connectionString: adminUrl(u), connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

const quote = (name) => `"${name.replace(/"/g, '""')}"`;

function stamp(d = new Date()) {
  const p = (n) => String(n).padStart(2, "0");
  return `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`;
}

function parseStamp(name) {
  const m = /^portal_test_(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})_\d+$/.exec(name);
  return m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) : undefined;
}

async function createDb() {
  const name = `portal_test_${stamp()}_${process.ppid}`;
  await withPg(url, async (c) => {
    const { rows } = await c.query("SELECT datname FROM pg_database WHERE datname LIKE 'portal\\_test\\_%'");
    for (const { datname } of rows) {
      const t = parseStamp(datname);
      if (t !== undefined && Date.now() - t > STALE_MS) {
        await c.query(`DROP DATABASE IF EXISTS ${quote(datname)} WITH (FORCE)`).catch(() => {});
        console.error(`[test] dropped stale database ${datname}`);
      }
    }
    await c.query(`CREATE DATABASE ${quote(name)}`);
  });
  const u = new URL(url);
  u.pathname = `/${name}`;
  // dbmate insists on sslmode for servers without TLS; harmless for pg.
  if (!u.searchParams.has("sslmode") && ["127.0.0.1", "localhost", "[::1]"].includes(u.hostname)) {
    u.searchParams.set("sslmode", "disable");
  }
  process.stdout.write(u.toString() + "\n");
}

async function dropDb() {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!name.startsWith("portal_test_")) throw new Error(`refusing to drop ${name}: not a test database`);
  await withPg(url, (c) => c.query(`DROP DATABASE IF EXISTS ${quote(name)} WITH (FORCE)`));
}

function redisAt(u, db) {
  const r = new URL(u);
  r.pathname = `/${db}`;
  return r.toString();
}

async function claimRedis() {
  const start = 1 + Math.floor(Math.random() * 15);
  for (let i = 0; i < 15; i++) {
    const db = ((start - 1 + i) % 15) + 1;
    const u = redisAt(url, db);
    const r = new Redis(u, { lazyConnect: true, maxRetriesPerRequest: 1 });
    try {
      await r.connect();
      if ((await r.dbsize()) > 0) {
        // Left behind by a run that was killed: ours (marked) and no longer claimed.
        const abandoned = (await r.exists(MARK_KEY)) && !(await r.exists(CLAIM_KEY));
        if (!abandoned) continue;
        console.error(`[test] flushing Redis db ${db}, abandoned by an earlier test run`);
        await r.flushdb();
      }
      // NX: two runs that both saw the db empty cannot both win it.
      if ((await r.set(CLAIM_KEY, owner ?? "test", "EX", 3 * 3600, "NX")) !== "OK") continue;
      await r.set(MARK_KEY, owner ?? "test");
      process.stdout.write(u + "\n");
      return;
    } finally {
      r.disconnect();
    }
  }
  throw new Error("no empty Redis logical database in 1..15 (are 15 test runs going at once, or did some leave data behind?)");
}

async function releaseRedis() {
  const db = Number(new URL(url).pathname.slice(1));
  if (!(db >= 1 && db <= 15)) throw new Error(`refusing to flush Redis db ${db}: not a test db`);
  const r = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await r.connect();
    await r.flushdb();
  } finally {
    r.disconnect();
  }
}

const commands = { "create-db": createDb, "drop-db": dropDb, "claim-redis": claimRedis, "release-redis": releaseRedis };
if (!commands[cmd] || !url) {
  console.error("usage: node scripts/test-resources.mjs create-db|drop-db|claim-redis|release-redis <url> [owner]");
  process.exit(2);
}
try {
  await commands[cmd]();
} catch (err) {
  console.error(`[test] ${cmd} failed: ${err.message}`);
  process.exit(1);
}
