// Playwright global setup: everything the portal needs besides the web app.
//
// playwright.config.ts starts the web app (`next start`, its webServer) BEFORE
// this runs; the app reads only the environment scripts/test.sh exported, so
// nothing here has to reach it. This then, in order:
//   1. checks that environment (run the browser tests through `npm test`);
//   2. empties this run's database and Redis db when they are test.sh's own
//      (portal_test_* / a claimed Redis db), since vitest ran in them first;
//   3. seeds the demo data (prisma/seed.ts seedDemo) with the suppliers pointed
//      at the simulators' ports below;
//   4. starts the mail catcher, the PhoneX, CJ and WesellCellular simulators and
//      the worker, each in its own process group, logging to test-results/e2e-*.log,
//      and waits until each answers;
// global-teardown.ts stops them (SIGTERM to each group, SIGKILL after 10 s).
//
// Knobs: E2E_SIM_PACE_MS (default 1500: each supplier status step takes that
// long, so an order is shipped ~5 s after it is forwarded, slow enough to watch),
// E2E_LOG_LEVEL (default info, for the child processes' logs).
import type { FullConfig } from "@playwright/test";
import pg from "pg";
import { Redis } from "ioredis";
import { assertPortFree, type ChildEnv, killStackNow, runTsx, startService, stopStack, waitForLog, waitForPort } from "./support/stack";

const REQUIRED = [
  "DATABASE_URL",
  "REDIS_URL",
  "AUTH_SECRET",
  "CREDENTIALS_KEY",
  "APP_URL",
  "PHONEX_API_URL",
  "PHONEX_API_KEY",
  "PHONEX_WEBHOOK_SECRET",
  "CJ_API_URL",
  "CJ_API_KEY",
  "WSC_API_URL",
  "WSC_EMAIL",
  "WSC_PASSWORD",
  "SMTP_URL",
  "MAIL_SMTP_PORT",
  "MAIL_HTTP_PORT",
] as const;

const portOf = (url: string, fallback: number) => Number(new URL(url).port) || fallback;

/** Empty the database and Redis db that scripts/test.sh made for this run (never anything else). */
async function resetTestState(databaseUrl: string, redisUrl: string) {
  const dbName = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  if (dbName.startsWith("portal_test_")) {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ tablename: string }>(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations'",
      );
      // The audit log refuses TRUNCATE unless the session says it resets a test database.
      await client.query("SELECT set_config('portal.audit_reset', 'on', false)");
      if (rows.length) await client.query(`TRUNCATE ${rows.map((r) => `"${r.tablename}"`).join(", ")} CASCADE`);
    } finally {
      await client.end();
    }
  } else {
    console.log(`[e2e] ${dbName} is not a test.sh database: seeding on top of its data`);
  }

  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    // Only a db test.sh claimed (scripts/test-resources.mjs marks it); its claim keys stay.
    if (await redis.exists("portal:test-run:mark")) {
      let cursor = "0";
      do {
        const [next, keys] = await redis.scan(cursor, "COUNT", 1000);
        cursor = next;
        const mine = keys.filter((k) => !k.startsWith("portal:test-run:"));
        if (mine.length) await redis.del(...mine);
      } while (cursor !== "0");
    }
  } finally {
    redis.disconnect();
  }
}

export default async function globalSetup(_config: FullConfig) {
  const missing = REQUIRED.filter((k) => !process.env[k]);
  if (missing.length) {
    throw new Error(
      `The browser tests need ${missing.join(", ")} in the environment. Run them through \`npm test\` ` +
        "(scripts/test.sh makes a fresh database and exports everything), or export the same variables yourself.",
    );
  }
  const t0 = Date.now();
  const e = process.env as unknown as Record<(typeof REQUIRED)[number], string>;
  const appUrl = e.APP_URL.replace(/\/+$/, "");
  const pace = process.env.E2E_SIM_PACE_MS || "1500";
  const ports = {
    phonex: portOf(e.PHONEX_API_URL, 4010),
    cj: portOf(e.CJ_API_URL, 4020),
    wsc: portOf(e.WSC_API_URL, 4030),
    smtp: Number(e.MAIL_SMTP_PORT),
    mailHttp: Number(e.MAIL_HTTP_PORT),
  };
  await Promise.all([
    assertPortFree(ports.phonex, "PhoneX simulator (PHONEX_API_URL)"),
    assertPortFree(ports.cj, "CJ simulator (CJ_API_URL)"),
    assertPortFree(ports.wsc, "WesellCellular simulator (WSC_API_URL)"),
    assertPortFree(ports.smtp, "mail catcher SMTP (MAIL_SMTP_PORT)"),
    assertPortFree(ports.mailHttp, "mail catcher UI (MAIL_HTTP_PORT)"),
  ]);

  // Without NODE_ENV: the worker and the simulators run as they do in production.
  const { NODE_ENV: _nodeEnv, ...inherited } = process.env;
  const base: ChildEnv = { ...inherited, LOG_LEVEL: process.env.E2E_LOG_LEVEL || "info" };
  const cjOpenId = process.env.CJ_OPEN_ID || "1000000001";

  await resetTestState(e.DATABASE_URL, e.REDIS_URL);
  await runTsx("seed", "prisma/seed.ts", { ...base, CJ_OPEN_ID: cjOpenId });
  const tSeed = Date.now();

  // From here on, whatever way the runner exits, the children go with it.
  process.once("exit", killStackNow);
  try {
    const mail = startService("mail", "scripts/mail-catcher.ts", base);
    const phonex = startService("phonex", "scripts/phonex-simulator.ts", {
      ...base,
      PORT: String(ports.phonex),
      SIM_PACE_MS: pace,
      SIM_WEBHOOK_URL: `${appUrl}/api/webhooks/phonex`,
    });
    const cj = startService("cj", "scripts/cj-simulator.ts", {
      ...base,
      PORT: String(ports.cj),
      SIM_PACE_MS: pace,
      CJ_OPEN_ID: cjOpenId,
      SIM_WEBHOOK_URL: `${appUrl}/api/webhooks/cj`,
    });
    const wsc = startService("wsc", "scripts/wsc-simulator.ts", { ...base, PORT: String(ports.wsc), SIM_PACE_MS: pace });
    const worker = startService("worker", "workers/index.ts", {
      ...base,
      // WesellCellular has no webhooks: poll its open orders often; reconcile quiet ones soon.
      POLL_EVERY_MS: process.env.POLL_EVERY_MS || "1000",
      RECONCILE_EVERY_MS: process.env.RECONCILE_EVERY_MS || "2000",
      RECONCILE_AFTER_MS: process.env.RECONCILE_AFTER_MS || "15000",
    });
    await Promise.all([
      waitForPort(mail, ports.smtp),
      waitForPort(mail, ports.mailHttp),
      waitForPort(phonex, ports.phonex),
      waitForPort(cj, ports.cj),
      waitForPort(wsc, ports.wsc),
      waitForLog(worker, /"msg":"worker started"/),
    ]);
  } catch (err) {
    await stopStack(3000);
    throw err;
  }
  console.log(
    `[e2e] stack up in ${((Date.now() - t0) / 1000).toFixed(1)} s (seed ${((tSeed - t0) / 1000).toFixed(1)} s): ` +
      `PhoneX :${ports.phonex} (pace ${pace} ms), CJ :${ports.cj}, WSC :${ports.wsc}, mail :${ports.smtp}/:${ports.mailHttp}, worker; logs in test-results/e2e-*.log`,
  );
}
