// Runs before every integration test file (vitest setupFiles), in the same
// module graph as the test: it starts a real SMTP server, the app's route
// handlers on a real HTTP port and the PhoneX simulator, and points the
// configuration at them BEFORE any lib module reads it.
import { afterAll } from "vitest";
import { startMailCatcher } from "../../dev/mail-catcher/mail-catcher";
import { startPhoneXSimulatorServer } from "../../dev/simulators/phonex/server";
import { startCjSimulatorServer } from "../../dev/simulators/cj/server";
import { startWscSimulatorServer } from "../../dev/simulators/wesellcellular/server";
import { resetEnvCache } from "../../lib/env";
import { startAppServer } from "./app-server";
import type { Harness } from "./harness";

if (!process.env.DATABASE_URL?.includes("test")) {
  throw new Error("Integration tests need DATABASE_URL of a test database (run them through `npm test`)");
}
(process.env as Record<string, string>).NODE_ENV = "test";
process.env.AUTH_SECRET ??= "integration-test-secret-0123456789";
process.env.CREDENTIALS_KEY ??= "a".repeat(64);
process.env.PHONEX_API_KEY = "px_test_integration";
process.env.PHONEX_WEBHOOK_SECRET = "whsec_integration";
process.env.OPS_EMAIL = "ops@portal.test";
process.env.FORWARD_BACKOFF_MS = "50";
process.env.FORWARD_ATTEMPTS = "6";
process.env.WORKER_LOCK_MS = "4000";
// The recovery pass runs often in tests, so work Redis loses comes back in about a second.
process.env.JOB_LEASE_MS = "3000";
process.env.RECOVERY_EVERY_MS = "500";
process.env.RECOVERY_GRACE_MS = "500";
process.env.WEBHOOK_DELIVERY_EVERY_MS = "200";
process.env.OFFER_EXPIRY_EVERY_MS = "300";
process.env.EXCEPTION_SCAN_EVERY_MS = "500";
process.env.RATE_LIMIT_PER_MINUTE = "100000";
// A supplier's circuit opens after 5 failures, as in production, but probes again after 1 s.
process.env.SUPPLIER_BREAKER_COOLDOWN_MS = "1000";
process.env.LOG_LEVEL ??= "error";

const mail = await startMailCatcher({ smtpPort: 0, httpPort: null });
process.env.SMTP_URL = `smtp://127.0.0.1:${mail.smtpPort}`;
const app = await startAppServer();
process.env.APP_URL = app.url;
const phonex = await startPhoneXSimulatorServer({
  port: 0,
  apiKey: process.env.PHONEX_API_KEY,
  webhookSecret: process.env.PHONEX_WEBHOOK_SECRET,
  webhookUrl: `${app.url}/api/webhooks/phonex`,
  paceMs: 150,
  logRequests: false,
});
process.env.PHONEX_API_URL = phonex.url;
process.env.CJ_API_KEY = "cj_integration_key";
process.env.CJ_OPEN_ID = "1000000042";
const cj = await startCjSimulatorServer({
  port: 0,
  apiKey: process.env.CJ_API_KEY,
  openId: process.env.CJ_OPEN_ID,
  webhookUrl: `${app.url}/api/webhooks/cj`,
  paceMs: 150,
  qps: 0,
  logRequests: false,
});
process.env.CJ_API_URL = cj.apiUrl;
process.env.WSC_EMAIL = "buyer@portal.test";
process.env.WSC_PASSWORD = "integration-password";
const wsc = await startWscSimulatorServer({ port: 0, email: process.env.WSC_EMAIL, password: process.env.WSC_PASSWORD, paceMs: 150, logRequests: false });
process.env.WSC_API_URL = wsc.url;
// WesellCellular sends no webhooks: poll its open orders often in tests.
process.env.POLL_EVERY_MS = "200";
process.env.RECONCILE_EVERY_MS = "250";
// Orders with webhooks are polled once quiet this long (production: 10 min).
process.env.RECONCILE_AFTER_MS = "3000";
resetEnvCache();

(globalThis as unknown as { __harness: Harness }).__harness = { mail, app, phonex, cj, wsc };

afterAll(async () => {
  await phonex.close();
  await cj.close();
  await wsc.close();
  await app.close();
  await mail.close();
  const { closeQueues } = await import("../../lib/queue/connection");
  await closeQueues();
  const { db } = await import("../../lib/db/client");
  await db.$disconnect();
  const { redis } = await import("../../lib/redis");
  redis.disconnect();
});
