// Child of scripts/bench/email-window.ts: the window between the SMTP server's
// acceptance of an email and our commit of its "sent" mark. A worker killed
// inside it is the only way an email can go twice (then with the same Message-ID).
import { randomUUID } from "node:crypto";
import { startMailCatcher } from "../../dev/mail-catcher/mail-catcher";
import { percentile } from "./load";

const N = Number(process.env.BENCH_EMAILS ?? 1000);
const CONCURRENCY = Number(process.env.BENCH_EMAIL_CONCURRENCY ?? 10);

const mail = await startMailCatcher({ smtpPort: 0 });
process.env.SMTP_URL = `smtp://127.0.0.1:${mail.smtpPort}`;
const { db } = await import("../../lib/db/client");
const { deliverNotification } = await import("../../lib/notifications/deliver-notification");
const { closeMailTransport } = await import("../../lib/notifications/send-email");

const ids = Array.from({ length: N }, () => randomUUID());
await db.notification.createMany({
  data: ids.map((id, i) => ({
    id,
    idempotencyKey: `bench:${id}`,
    type: "low_stock",
    email: `ops+${i}@portal.bench`,
    subject: `Bench ${i}`,
    body: "A plain-text body of a typical length. ".repeat(20),
    html: `<p>${"A typical HTML body. ".repeat(100)}</p>`,
  })),
});

const windows: number[] = [];
let next = 0;
const started = performance.now();
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    for (;;) {
      const i = next++;
      if (i >= ids.length) return;
      const r = await deliverNotification(ids[i]!, { final: false });
      if (r.result === "sent") windows.push(r.windowMs);
    }
  }),
);
const seconds = (performance.now() - started) / 1000;
windows.sort((a, b) => a - b);
const f = (ms: number) => `${ms.toFixed(2)} ms`;
console.log(`\nEmail (${N} sends, ${CONCURRENCY} at a time, SMTP on loopback): ${(N / seconds).toFixed(0)} emails/s`);
console.log(`  acceptance → sent mark committed (the only window a crash can duplicate in):`);
console.log(
  `  p50 ${f(percentile(windows, 50))}   p95 ${f(percentile(windows, 95))}   p99 ${f(percentile(windows, 99))}   max ${f(windows[windows.length - 1] ?? 0)}   (${windows.length}/${N} sent, ${mail.messages().length} received)`,
);
closeMailTransport();
await mail.close();
await db.$disconnect();
process.exit(0);
