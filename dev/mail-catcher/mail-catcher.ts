import { EventEmitter } from "node:events";
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from "smtp-server";
import { startMailCatcherHttp } from "./mail-catcher-http";

/**
 * A real SMTP server that keeps every message in memory. Tests send through
 * the same nodemailer transport production uses and assert on what arrived;
 * the demo runs it with a small web UI (scripts/mail-catcher.ts) instead of a
 * third-party MailHog. `failNext(n)` answers with 451 (try again later) to
 * exercise the email queue's retries.
 */
export type CaughtMessage = {
  id: string;
  /** The From header as written ("PhoneX Portal <orders@portal.local>"). */
  from: string;
  /** Envelope recipients: who the message was actually delivered to (Bcc included). */
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** Lower-cased header names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  messageId: string | null;
  receivedAt: Date;
};

export type MailCatcherOptions = {
  smtpPort?: number;
  /** Serve the web UI and JSON API on this port (0 = any free port); null/undefined = no UI. */
  httpPort?: number | null;
  host?: string;
  /** Largest accepted message in bytes; bigger ones get a 552. */
  maxMessageBytes?: number;
  /** Called for every stored message (the demo script logs them). */
  onMessage?: (m: CaughtMessage) => void;
};

export type MailCatcher = {
  smtpPort: number;
  httpPort: number | null;
  /** The web UI's URL, or null without one. */
  url: string | null;
  /** An smtp:// URL to put in SMTP_URL. */
  smtpUrl: string;
  messages(): CaughtMessage[];
  waitFor(predicate?: (m: CaughtMessage) => boolean, timeoutMs?: number): Promise<CaughtMessage>;
  clear(): void;
  failNext(n?: number): void;
  close(): Promise<void>;
};

type SmtpError = Error & { responseCode?: number };

function smtpError(code: number, message: string): SmtpError {
  return Object.assign(new Error(message), { responseCode: code });
}

/** mailparser decodes structured headers into objects; keep the decoded string when there is one, the raw line otherwise. */
function headerRecord(parsed: ParsedMail): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { key, line } of parsed.headerLines) {
    const decoded = parsed.headers.get(key);
    const raw = line
      .slice(line.indexOf(":") + 1)
      .replace(/\r?\n[ \t]+/g, " ")
      .trim();
    const value = typeof decoded === "string" ? decoded : raw;
    out[key] = out[key] === undefined ? value : `${out[key]}, ${value}`;
  }
  return out;
}

export async function startMailCatcher(options: MailCatcherOptions = {}): Promise<MailCatcher> {
  const { smtpPort = 0, httpPort = null, host = "127.0.0.1", maxMessageBytes = 10 * 1024 * 1024, onMessage } = options;
  const store: CaughtMessage[] = [];
  const events = new EventEmitter();
  events.setMaxListeners(0); // many concurrent waitFor() calls in tests are normal
  let seq = 0;
  let failures = 0;

  async function receive(stream: SMTPServerDataStream, session: SMTPServerSession): Promise<void> {
    if (failures > 0) {
      failures -= 1;
      stream.resume(); // drain the message, then refuse it
      await new Promise((r) => stream.once("end", r));
      throw smtpError(451, "4.3.0 Temporary failure (mail catcher failNext), try again later");
    }
    const parsed = await simpleParser(stream);
    if (stream.sizeExceeded) throw smtpError(552, "5.3.4 Message exceeds fixed maximum message size");
    const message: CaughtMessage = {
      id: String(++seq),
      from: parsed.from?.text ?? (session.envelope.mailFrom ? session.envelope.mailFrom.address : ""),
      to: session.envelope.rcptTo.map((r) => r.address),
      subject: parsed.subject ?? "",
      text: parsed.text ?? "",
      html: typeof parsed.html === "string" ? parsed.html : "",
      headers: headerRecord(parsed),
      messageId: parsed.messageId ?? null,
      receivedAt: new Date(),
    };
    store.push(message);
    events.emit("message", message);
    onMessage?.(message);
  }

  const smtp = new SMTPServer({
    authOptional: true, // accept smtp://user:pass@ URLs and anonymous ones alike
    onAuth: (_auth, _session, cb) => cb(null, { user: "catcher" }),
    allowInsecureAuth: true,
    disabledCommands: ["STARTTLS"], // plain TCP only: no certificates to manage in tests
    size: maxMessageBytes,
    logger: false,
    banner: "PhoneX Portal mail catcher",
    // Pooled clients keep connections open; don't wait the default 30 s for them on close().
    closeTimeout: 500,
    onData(stream, session, callback) {
      receive(stream, session).then(
        () => callback(),
        (err: SmtpError) => callback(err.responseCode ? err : smtpError(451, `4.3.0 Could not store message: ${err.message}`)),
      );
    },
  });
  smtp.on("error", () => undefined); // a client dropping mid-session is not our failure

  await new Promise<void>((resolve, reject) => {
    smtp.server.once("error", reject);
    smtp.listen(smtpPort, host, () => {
      smtp.server.off("error", reject);
      resolve();
    });
  });
  const boundSmtpPort = (smtp.server.address() as AddressInfo).port;

  const api = {
    messages: () => [...store],
    clear: () => {
      store.length = 0;
    },
  };
  let http: Awaited<ReturnType<typeof startMailCatcherHttp>> | null = null;
  if (httpPort !== null && httpPort !== undefined) {
    try {
      http = await startMailCatcherHttp({ port: httpPort, host, ...api });
    } catch (err) {
      smtp.close(); // do not leave the SMTP port bound when the UI port is taken
      throw err;
    }
  }

  function waitFor(predicate: (m: CaughtMessage) => boolean = () => true, timeoutMs = 5000): Promise<CaughtMessage> {
    const found = store.find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const onMessage = (m: CaughtMessage) => {
        if (!predicate(m)) return;
        clearTimeout(timer);
        events.off("message", onMessage);
        resolve(m);
      };
      const timer = setTimeout(() => {
        events.off("message", onMessage);
        const got = store.map((m) => `"${m.subject}" → ${m.to.join(", ")}`).join("; ") || "none";
        reject(new Error(`No matching email within ${timeoutMs} ms (received: ${got})`));
      }, timeoutMs);
      events.on("message", onMessage);
    });
  }

  const urlHost = host.includes(":") ? `[${host}]` : host;
  return {
    smtpPort: boundSmtpPort,
    httpPort: http?.port ?? null,
    url: http ? `http://${urlHost}:${http.port}` : null,
    smtpUrl: `smtp://${urlHost}:${boundSmtpPort}`,
    ...api,
    waitFor,
    failNext: (n = 1) => {
      failures = n;
    },
    close: async () => {
      await Promise.all([new Promise<void>((r) => smtp.close(() => r())), http?.close()]);
      events.removeAllListeners();
    },
  };
}
