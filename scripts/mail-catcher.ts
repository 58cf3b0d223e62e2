// npm run mail – a local SMTP server with a web UI for the demo: the worker
// sends to SMTP_URL=smtp://127.0.0.1:1025 and every email shows up at :1080.
import { startMailCatcher } from "../dev/mail-catcher/mail-catcher";

function port(name: string, fallback: number): number {
  const raw = process.env[name];
  const n = raw === undefined || raw === "" ? fallback : Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    console.error(`${name} must be a port number, got "${raw}"`);
    process.exit(1);
  }
  return n;
}

const host = process.env.MAIL_HOST || "127.0.0.1";
const catcher = await startMailCatcher({
  smtpPort: port("MAIL_SMTP_PORT", 1025),
  httpPort: port("MAIL_HTTP_PORT", 1080),
  host,
  onMessage: (m) => console.log(`[mail] ${m.receivedAt.toISOString()} ${m.to.join(", ")}: ${m.subject}`),
}).catch((err: Error) => {
  // Usually EADDRINUSE: another catcher (or MailHog) already runs on the port.
  console.error(`Mail catcher could not start: ${err.message}`);
  process.exit(1);
});

console.log(`Mail catcher SMTP on ${catcher.smtpUrl}`);
console.log(`Mail catcher UI   on ${catcher.url}`);

let stopping = false;
async function stop(signal: string) {
  if (stopping) process.exit(1); // a second Ctrl-C means "now"
  stopping = true;
  console.log(`${signal}: closing mail catcher`);
  await catcher.close();
  process.exit(0);
}
process.on("SIGTERM", () => void stop("SIGTERM"));
process.on("SIGINT", () => void stop("SIGINT"));
