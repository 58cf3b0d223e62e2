// Company accounts in the browser: the seeded owner adds a webhook endpoint (a local receiver this
// test starts) and invites a buyer from /account/users, the invitation arrives by email (the mail
// catcher global-setup.ts started), the buyer opens the link, sets a password, lands signed in on
// the catalog and places an order, and the owner's endpoint receives that order's signed
// order.created and order.shipped (verified with the standardwebhooks package); the owner then
// creates an API key that is shown once and works against the API.
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type Page } from "@playwright/test";
import { Webhook } from "standardwebhooks";

const OWNER = "buyer@worldtech.example";
const PASSWORD = "demo1234";
const mailbox = () => `http://127.0.0.1:${process.env.MAIL_HTTP_PORT}/api/messages`;

async function signIn(page: Page, email: string, next: string) {
  await page.goto(`/login?callbackUrl=${encodeURIComponent(next)}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByTestId("login-submit").click();
  await page.waitForURL((u) => u.pathname === next);
}

async function mailTo(email: string): Promise<{ subject: string; text: string }> {
  for (let i = 0; i < 100; i++) {
    const messages = (await (await fetch(mailbox())).json()) as { to: string[]; subject: string; text: string }[];
    const m = messages.find((x) => x.to.includes(email));
    if (m) return m;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no email to ${email}`);
}

test("an owner invites a buyer, who signs up from the emailed link and places an order; the owner's endpoint gets it signed", async ({ browser }) => {
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];
  const receiver = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  const ownerPage = await (await browser.newContext()).newPage();
  await signIn(ownerPage, OWNER, "/account/webhooks");
  const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/erp-hooks`;
  await ownerPage.getByLabel("URL").fill(hookUrl);
  await ownerPage.getByTestId("add-webhook").click();
  const secret = (await ownerPage.getByTestId("webhook-secret-value").innerText()).trim();
  expect(secret).toMatch(/^whsec_/);

  await ownerPage.goto("/account/users");
  const invitee = `e2e-buyer-${Date.now()}@worldtech.example`;
  await ownerPage.getByLabel("Email").fill(invitee);
  await ownerPage.getByTestId("invite-role").selectOption("buyer");
  await ownerPage.getByTestId("invite-submit").click();
  await expect(ownerPage.getByTestId("users-notice")).toContainText(invitee);
  await expect(ownerPage.getByTestId(`invitation-${invitee}`)).toBeVisible();

  const mail = await mailTo(invitee);
  expect(mail.subject).toContain("Worldtech");
  const link = /https?:\/\/\S+\/invite\/[A-Za-z0-9_-]{43}/.exec(mail.text)?.[0];
  expect(link, mail.text).toBeTruthy();

  const buyer = await (await browser.newContext()).newPage();
  await buyer.goto(new URL(link!).pathname);
  await buyer.getByLabel("Your name").fill("Eve Buyer");
  await buyer.getByLabel("Password").fill("e2e-passphrase-1");
  await buyer.getByTestId("accept-submit").click();
  await buyer.waitForURL((u) => u.pathname === "/");
  await expect(buyer.getByTestId("current-user")).toContainText(invitee);
  await expect(buyer.getByTestId("current-user")).toContainText("buyer");

  // The buyer orders through the same checkout as everyone (PhoneX-only SKU of the seed).
  await buyer.getByTestId("catalog-search").fill("Galaxy S21");
  await expect(buyer.getByTestId("add-to-cart-GALAXYS21-128GB-A")).toBeEnabled();
  await buyer.getByTestId("qty-GALAXYS21-128GB-A").fill("1");
  await buyer.getByTestId("add-to-cart-GALAXYS21-128GB-A").click();
  await buyer.getByTestId("nav-cart").click();
  await buyer.getByTestId("checkout-link").click();
  const form = buyer.getByTestId("checkout-form");
  await form.getByLabel(/^Name/).fill("Eve Buyer");
  await form.getByLabel(/^Company/).fill("Worldtech Mobile");
  await form.getByLabel(/^Address line 1/).fill("1200 Commerce Blvd");
  await form.getByLabel(/^City/).fill("Miami");
  await form.getByLabel(/^Region \/ state/).fill("FL");
  await form.getByLabel(/^Postal code/).fill("33166");
  await form.getByLabel(/^Country/).fill("US");
  await form.getByLabel(/^Phone/).fill("+1 305 555 0100");
  const reference = `PO-E2E-INVITED-${Date.now()}`;
  await form.getByLabel(/^Reference \(PO number\)/).fill(reference);
  await buyer.getByTestId("place-order").click();
  await buyer.waitForURL(/\/orders\/[^/?#]+$/);
  await expect(buyer.getByTestId("order-number")).toBeVisible();
  const orderId = decodeURIComponent(new URL(buyer.url()).pathname.split("/").pop()!);

  // The owner's endpoint receives the buyer's order, created and then shipped, signed per Standard Webhooks.
  const wh = new Webhook(secret);
  const events = () =>
    received
      .filter((r) => r.headers["webhook-id"])
      .map((r) => wh.verify(r.body, r.headers as Record<string, string>) as { type: string; data: { orderId: string; reference: string; sequence: number } })
      .filter((e) => e.data.orderId === orderId);
  try {
    await expect
      .poll(() => events().map((e) => e.type), { timeout: 30_000, message: "order.created then order.shipped at the owner's endpoint" })
      .toEqual(expect.arrayContaining(["order.created", "order.shipped"]));
  } finally {
    await new Promise<void>((r) => receiver.close(() => r()));
  }
  const created = events().find((e) => e.type === "order.created")!;
  expect(created.data.reference).toBe(reference);
  expect(events().find((e) => e.type === "order.shipped")!.data.sequence).toBeGreaterThan(created.data.sequence);

  // The same link does not work twice.
  const again = await (await browser.newContext()).newPage();
  await again.goto(new URL(link!).pathname);
  await expect(again.getByTestId("invite-invalid")).toBeVisible();

  // The buyer cannot manage the company; the owner sees them as an active buyer.
  await buyer.goto("/account/users");
  await buyer.waitForURL((u) => u.pathname === "/account");
  await ownerPage.reload();
  await expect(ownerPage.getByTestId(`user-${invitee}`)).toContainText("active");
});

test("an owner creates an API key, sees it once, and it works with its scopes", async ({ page, request }) => {
  await signIn(page, OWNER, "/account/api-keys");
  const name = `e2e key ${Date.now()}`;
  await page.getByLabel("Name").fill(name);
  await page.getByTestId("scope-orders:write").uncheck();
  await page.getByTestId("create-key").click();
  const key = (await page.getByTestId("new-key-value").innerText()).trim();
  expect(key).toMatch(/^pk_live_[A-Za-z0-9_-]{43}$/);
  await page.reload();
  await expect(page.getByTestId("new-key")).toHaveCount(0);
  await expect(page.getByTestId(`key-${key.slice(0, 12)}`)).toContainText(name);

  const auth = { Authorization: `Bearer ${key}` };
  expect((await request.get("/api/orders", { headers: auth })).status()).toBe(200);
  const denied = await request.post("/api/orders", { headers: { ...auth, "Idempotency-Key": `e2e-${Date.now()}` }, data: { items: [] } });
  expect(denied.status()).toBe(403);
});

test("an owner saves a default shipping address and the checkout starts from it", async ({ page }) => {
  await signIn(page, OWNER, "/account/company");
  const label = `Dock ${Date.now() % 100000}`;
  await page.getByLabel("Label").fill(label);
  await page.getByLabel(/^Name/).fill("Worldtech Dock");
  await page.getByLabel(/^Address line 1/).fill("77 Harbor Way");
  await page.getByLabel(/^City/).fill("Miami");
  await page.getByLabel(/^Postal code/).fill("33101");
  await page.getByLabel(/^Country/).fill("US");
  await page.getByLabel("Default at checkout").check();
  await page.getByTestId("add-address").click();
  await expect(page.getByTestId(`address-${label}`)).toContainText("(default)");

  await page.goto("/");
  await page.getByTestId("catalog-search").fill("Galaxy S21");
  await expect(page.getByTestId("add-to-cart-GALAXYS21-128GB-A")).toBeEnabled();
  await page.getByTestId("add-to-cart-GALAXYS21-128GB-A").click();
  await page.goto("/checkout");
  const form = page.getByTestId("checkout-form");
  await expect(page.getByTestId("saved-address")).toHaveValue(/.+/);
  await expect(form.getByLabel(/^Address line 1/)).toHaveValue("77 Harbor Way");
  await page.getByTestId("saved-address").selectOption("");
  await expect(form.getByLabel(/^Address line 1/)).toHaveValue("");
});
