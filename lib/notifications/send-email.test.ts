import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "../env";
import { startMailCatcher, type MailCatcher } from "../../dev/mail-catcher/mail-catcher";
import { renderEmail } from "./render-email";

// A real SMTP round trip: nodemailer (the production transport) → the mail
// catcher's SMTP server on a free port → mailparser. No mocks.
let catcher: MailCatcher;
let mail: typeof import("./send-email");

beforeAll(async () => {
  catcher = await startMailCatcher({ smtpPort: 0 });
  process.env.SMTP_URL = catcher.smtpUrl;
  process.env.MAIL_FROM = "PhoneX Portal <orders@portal.test>";
  // env() validates everything at once; these are not used here but must be present.
  process.env.DATABASE_URL ??= "postgres://test:test@127.0.0.1:5432/test";
  process.env.AUTH_SECRET ??= "test-secret-at-least-16-chars";
  process.env.CREDENTIALS_KEY ??= "0".repeat(64);
  process.env.LOG_LEVEL = "silent";
  resetEnvCache();
  mail = await import("./send-email");
});

afterAll(async () => {
  mail?.closeMailTransport();
  await catcher?.close();
});

beforeEach(() => catcher.clear());

const shipped = () =>
  renderEmail("order_shipped", {
    appUrl: "http://localhost:3000",
    orderId: "ord_1",
    orderNumber: "PXSTKL0000347",
    shipments: [{ carrier: "UPS", trackingNumber: "1Z999AA10123456784" }],
  });

describe("sendEmail", () => {
  it("delivers a message with HTML and text parts, our From and the notification header", async () => {
    const email = shipped();
    const id = await mail.sendEmail({ to: "buyer@reseller.test", ...email, notificationId: "notif_1" });

    const got = await catcher.waitFor((m) => m.headers["x-portal-notification-id"] === "notif_1");
    expect(got.to).toEqual(["buyer@reseller.test"]);
    expect(got.from).toMatch(/^"?PhoneX Portal"? <orders@portal\.test>$/);
    expect(got.subject).toBe(email.subject);
    expect(got.html).toContain("1Z999AA10123456784");
    expect(got.html).toContain("https://www.ups.com/track?tracknum=1Z999AA10123456784");
    expect(got.text).toContain("1Z999AA10123456784");
    expect(got.headers["content-type"]).toContain("multipart/alternative");
    expect(got.messageId).toBe(id);
  });

  it("derives a stable Message-ID from the idempotency key", async () => {
    const key = "ord_1:order_shipped:buyer@reseller.test";
    const email = shipped();
    const first = await mail.sendEmail({ to: "buyer@reseller.test", ...email, idempotencyKey: key });
    const second = await mail.sendEmail({ to: "buyer@reseller.test", ...email, idempotencyKey: key });
    const other = await mail.sendEmail({ to: "buyer@reseller.test", ...email, idempotencyKey: `${key}x` });

    expect(first).toBe(second);
    expect(first).toBe(mail.messageIdFor(key));
    expect(first).toMatch(/^<n-[0-9a-f]{40}@portal\.test>$/);
    expect(first).not.toContain("buyer"); // the key holds an address; the header must not
    expect(other).not.toBe(first);

    await catcher.waitFor(() => catcher.messages().length === 3);
    expect(catcher.messages().map((m) => m.messageId)).toEqual([first, first, other]);
    // With no notificationId the key traces the mail back to its Notification row.
    expect(catcher.messages()[0]!.headers["x-portal-notification-id"]).toBe(key);
  });

  it("passes extra headers through", async () => {
    await mail.sendEmail({ to: "a@b.test", subject: "s", text: "t", headers: { "X-Entity-Ref-ID": "abc" } });
    const got = await catcher.waitFor();
    expect(got.headers["x-entity-ref-id"]).toBe("abc");
    expect(got.html).toBe("");
  });

  it("throws a transient SendEmailError on a 451, and the next attempt succeeds", async () => {
    catcher.failNext(1);
    const input = { to: "buyer@reseller.test", ...shipped(), idempotencyKey: "retry-key" };

    const error = await mail.sendEmail(input).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(mail.SendEmailError);
    expect((error as InstanceType<typeof mail.SendEmailError>).responseCode).toBe(451);
    expect((error as InstanceType<typeof mail.SendEmailError>).permanent).toBe(false);
    expect(catcher.messages()).toHaveLength(0);

    // What the queue's retry does: the same call again, same Message-ID.
    const id = await mail.sendEmail(input);
    expect(id).toBe(mail.messageIdFor("retry-key"));
    expect(catcher.messages()).toHaveLength(1);
  });

  it("fails fast when nothing listens on SMTP_URL", async () => {
    const dead = await startMailCatcher();
    const url = dead.smtpUrl;
    await dead.close(); // the port is now free and refuses connections
    process.env.SMTP_URL = url;
    resetEnvCache();
    try {
      const started = Date.now();
      await expect(mail.sendEmail({ to: "a@b.test", subject: "s", text: "t" })).rejects.toThrow(mail.SendEmailError);
      expect(Date.now() - started).toBeLessThan(5000);
      expect(await mail.verifySmtp()).toMatchObject({ ok: false });
    } finally {
      process.env.SMTP_URL = catcher.smtpUrl;
      resetEnvCache();
    }
  });

  it("verifySmtp reports a healthy server", async () => {
    expect(await mail.verifySmtp()).toMatchObject({ ok: true });
  });
});

/** A self-signed certificate for 127.0.0.1, made with openssl for this run. */
function selfSigned(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), "smtp-tls-"));
  try {
    execFileSync(
      "openssl",
      ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1", "-keyout", join(dir, "k.pem"), "-out", join(dir, "c.pem")],
      { stdio: "ignore" },
    );
    return { key: readFileSync(join(dir, "k.pem")), cert: readFileSync(join(dir, "c.pem")) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// The pool's sockets are opened by us (TCP_NODELAY) and handed to nodemailer: TLS must still work.
describe("sendEmail over TLS", () => {
  const tlsCert = selfSigned();
  const received: { secure: boolean; subject: string }[] = [];
  const servers: SMTPServer[] = [];

  const start = async (secure: boolean) => {
    const server = new SMTPServer({
      ...tlsCert,
      secure,
      authOptional: true,
      logger: false,
      onData(stream, session, callback) {
        let raw = "";
        stream.on("data", (c: Buffer) => (raw += c.toString()));
        stream.on("end", () => {
          received.push({ secure: session.secure, subject: /^Subject: (.*)$/m.exec(raw)?.[1]?.trim() ?? "" });
          callback();
        });
      },
    });
    // The refused handshake surfaces on the server too; it is the client's answer that is tested.
    server.on("error", () => undefined);
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
    return (server.server.address() as AddressInfo).port;
  };

  const sendVia = async (url: string, subject: string) => {
    mail.closeMailTransport();
    process.env.SMTP_URL = url;
    resetEnvCache();
    try {
      await mail.sendEmail({ to: "a@b.test", subject, text: "t" });
    } finally {
      mail.closeMailTransport();
      process.env.SMTP_URL = catcher.smtpUrl;
      resetEnvCache();
    }
  };

  afterAll(async () => {
    await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  });

  it("sends over implicit TLS (smtps://)", async () => {
    const port = await start(true);
    await sendVia(`smtps://127.0.0.1:${port}/?tls.rejectUnauthorized=false`, "implicit tls");
    expect(received).toContainEqual({ secure: true, subject: "implicit tls" });
  });

  it("upgrades with STARTTLS when the server offers it", async () => {
    const port = await start(false);
    await sendVia(`smtp://127.0.0.1:${port}/?tls.rejectUnauthorized=false`, "starttls");
    expect(received).toContainEqual({ secure: true, subject: "starttls" });
  });

  it("refuses a server whose certificate it cannot verify", async () => {
    const port = await start(true);
    await expect(sendVia(`smtps://127.0.0.1:${port}`, "unverified")).rejects.toThrow(mail.SendEmailError);
    expect(received.map((r) => r.subject)).not.toContain("unverified");
  });
});
