import nodemailer from "nodemailer";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startMailCatcher, type MailCatcher } from "./mail-catcher";

// The catcher itself, driven by a plain nodemailer client (not send-email.ts,
// so these tests need no env).
let catcher: MailCatcher;
let client: nodemailer.Transporter;

beforeAll(async () => {
  catcher = await startMailCatcher({ smtpPort: 0, httpPort: 0, maxMessageBytes: 64 * 1024 });
  client = nodemailer.createTransport(catcher.smtpUrl);
});
afterAll(async () => {
  client?.close();
  await catcher?.close();
});
beforeEach(() => catcher.clear());

const send = (subject: string, extra: object = {}) =>
  client.sendMail({ from: "Portal <p@portal.test>", to: "r@shop.test", subject, text: "plain", html: "<p>rich</p>", ...extra });

describe("mail catcher", () => {
  it("stores parsed messages with envelope recipients and headers", async () => {
    await send("Hello", { bcc: "hidden@shop.test", headers: { "X-Test": "1" } });
    const m = await catcher.waitFor((x) => x.subject === "Hello");
    expect(m.to).toEqual(["r@shop.test", "hidden@shop.test"]);
    expect(m.text.trim()).toBe("plain");
    expect(m.html).toContain("<p>rich</p>");
    expect(m.headers["x-test"]).toBe("1");
    expect(m.headers.subject).toBe("Hello");
    expect(m.receivedAt).toBeInstanceOf(Date);
  });

  it("waitFor resolves for a message that arrives later, and times out with what it saw", async () => {
    const waiting = catcher.waitFor((x) => x.subject === "Later", 3000);
    await send("Later");
    expect((await waiting).subject).toBe("Later");
    await expect(catcher.waitFor((x) => x.subject === "Never", 100)).rejects.toThrow(/No matching email within 100 ms.*Later/);
  });

  it("failNext(n) answers the next n messages with 451", async () => {
    catcher.failNext(2);
    await expect(send("a")).rejects.toMatchObject({ responseCode: 451 });
    await expect(send("b")).rejects.toMatchObject({ responseCode: 451 });
    await send("c");
    expect(catcher.messages().map((m) => m.subject)).toEqual(["c"]);
  });

  it("refuses a message over the size limit", async () => {
    await expect(send("big", { text: "x".repeat(100 * 1024) })).rejects.toMatchObject({ responseCode: 552 });
    expect(catcher.messages()).toHaveLength(0);
  });

  it("serves the list, a message page with escaped HTML, and the JSON API", async () => {
    await send("First");
    await send(`Second <script>`, { html: `<p onclick="x">"quoted" & <b>bold</b></p>` });
    await catcher.waitFor(() => catcher.messages().length === 2);

    const list = await (await fetch(`${catcher.url}/`)).text();
    expect(list.indexOf("Second &lt;script&gt;")).toBeLessThan(list.indexOf("First")); // newest first
    expect(list).not.toContain("<script>");

    const api = (await (await fetch(`${catcher.url}/api/messages`)).json()) as { id: string; subject: string }[];
    expect(api.map((m) => m.subject)).toEqual(["Second <script>", "First"]);

    const pageRes = await fetch(`${catcher.url}/messages/${api[0]!.id}`);
    expect(pageRes.status).toBe(200);
    const page = await pageRes.text();
    expect(page).toContain(`srcdoc="&lt;p onclick=&quot;x&quot;&gt;&quot;quoted&quot; &amp; &lt;b&gt;bold&lt;/b&gt;&lt;/p&gt;`);
    expect(page).toContain("<iframe sandbox=");

    expect((await fetch(`${catcher.url}/messages/999`)).status).toBe(404);
    expect((await fetch(`${catcher.url}/messages/%E0%A4%A`)).status).toBe(404);
    expect((await fetch(`${catcher.url}/api/messages/${api[1]!.id}`)).status).toBe(200);

    expect((await fetch(`${catcher.url}/api/messages`, { method: "DELETE" })).status).toBe(204);
    expect(catcher.messages()).toHaveLength(0);
    expect(await (await fetch(`${catcher.url}/api/messages`)).json()).toEqual([]);
  });
});
