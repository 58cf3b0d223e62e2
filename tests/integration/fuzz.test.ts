// Hostile input, generated: property-based runs (fast-check) over
// the order, product and webhook routes with ill-formed strings (NUL, lone
// surrogates, backslashes, LIKE wildcards, raw percent bytes), huge, negative
// and fractional numbers, deep nesting, unknown fields and bad cursors. Every
// answer is below 500 and in the error shape, with the field named on a 422.
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { signPhoneX } from "../../lib/suppliers/phonex/signature";
import { encodeCursor } from "../../lib/wire/cursor";
import { address, API_KEY, harness, resetState, seedWorld } from "../helpers/harness";

let skus: string[] = [];
let orderNumber = "";
const RUNS = Number(process.env.FUZZ_RUNS ?? 120);

beforeAll(async () => {
  await resetState();
  const world = await seedWorld();
  skus = world.skus;
  // One real order, so webhooks and cursors can name something that exists.
  const res = await send("POST", "/api/orders", { items: [{ sku: skus[0], quantity: 1 }], shippingAddress: address });
  expect(res.status).toBe(201);
  orderNumber = res.body.number;
});

const NASTY = [
  "\u0000",
  "\ud800",
  "\udfff",
  "\ud83d",
  "\\",
  "\\\\",
  "%",
  "_",
  "%_\\",
  "'",
  '"',
  "`",
  "\u202e",
  "🙂",
  "\uffff",
  "\ufeff",
  "../../etc/passwd",
  "<script>alert(1)</script>",
  "' OR 1=1 --",
  "a".repeat(300),
  "",
  " ",
  "\n",
  "null",
  "undefined",
  "NaN",
];
const nasty = fc.constantFrom(...NASTY);
const text = fc.oneof(
  fc.string({ unit: "binary", maxLength: 24 }),
  fc.array(fc.oneof(nasty, fc.string({ maxLength: 4 })), { minLength: 1, maxLength: 5 }).map((a) => a.join("")),
);
const number = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -1, 1.5, -0.5, 1e308, -1e308, 2 ** 53 + 1, 10_001, 1e21),
);
const { value: json } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    text,
    number,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(text, tie("value"), { maxKeys: 4 }),
  ),
}));
/** Nested `depth` levels deep: {"a":{"a":…}} or [[[…]]]. */
const deep = fc.tuple(fc.integer({ min: 50, max: 3000 }), fc.boolean()).map(([depth, arr]) => {
  let v: unknown = "x";
  for (let i = 0; i < depth; i++) v = arr ? [v] : { a: v };
  return v;
});
const field = fc.oneof(text, number, json, deep);

const orderBody = fc.record(
  {
    items: fc.oneof(
      fc.array(fc.record({ sku: fc.oneof(fc.constantFrom(...["IPHONE12-64GB-A"]), text, field), quantity: fc.oneof(number, field) }, { requiredKeys: [] }), {
        maxLength: 4,
      }),
      field,
    ),
    shippingAddress: fc.oneof(
      fc.record(
        {
          name: fc.oneof(text, field),
          line1: fc.oneof(text, field),
          city: text,
          postalCode: fc.oneof(text, number),
          country: fc.oneof(fc.constantFrom("US", "us", "USA", ""), text),
          region: text,
          phone: text,
          company: text,
          line2: text,
        },
        { requiredKeys: [] },
      ),
      field,
    ),
    reference: fc.oneof(text, field),
    notes: fc.oneof(text, field),
    [fc.sample(fc.constantFrom("extra", "__proto__", "constructor"), 1)[0]!]: field,
  },
  { requiredKeys: [] },
);

/** Raw query values, some with percent bytes that are not UTF-8 (sent as-is, not re-encoded). */
const rawQueryValue = fc.oneof(
  text.map((s) => encodeURIComponent(s.replace(/[\ud800-\udfff]/g, "\ufffd"))),
  fc.constantFrom("%00", "%ff", "%ED%A0%80", "%C0%AF", "%", "%%", "%5C", "%25", "abc%", "%E2%80%AE"),
  fc.constantFrom(
    encodeCursor(new Date(8.64e15), "x"),
    encodeCursor(new Date(0), "x"),
    Buffer.from("+275760-09-13T00:00:00.000Z|x").toString("base64url"),
    Buffer.from("not a cursor").toString("base64url"),
    Buffer.from("\u0000|\u0000").toString("base64url"),
    "!!!",
    "====",
    "a".repeat(500),
  ),
  number.map(String),
);

type Answer = { status: number; body: any }; // eslint-disable-line @typescript-eslint/no-explicit-any

async function send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(`${harness().app.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${API_KEY}`, "content-type": "application/json", "idempotency-key": randomUUID(), ...headers },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* checked below */
  }
  return { status: res.status, body: parsed };
}

/** Never a 5xx; a refusal is {"error":{code,message}} and a 422 validation_failed names its fields. */
function expectClientAnswer(a: Answer, what: string) {
  expect(a.status, `${what} → ${a.status} ${JSON.stringify(a.body).slice(0, 300)}`).toBeLessThan(500);
  if (a.status >= 400) {
    expect(typeof a.body?.error?.code, `${what}: error shape`).toBe("string");
    expect(typeof a.body?.error?.message, `${what}: error shape`).toBe("string");
    if (a.status === 422 && a.body.error.code === "validation_failed") {
      expect(Object.keys(a.body.error.fields ?? {}).length, `${what}: fields named`).toBeGreaterThan(0);
    }
  }
}

describe("fuzz: no 5xx from anything a client can send", () => {
  it("POST /api/orders with generated bodies", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(orderBody, field), async (body) => {
        expectClientAnswer(await send("POST", "/api/orders", body), `POST /api/orders ${JSON.stringify(body).slice(0, 200)}`);
      }),
      { numRuns: RUNS },
    );
  });

  it("POST /api/orders with raw bytes that are not JSON or not UTF-8", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 200 }), async (bytes) => {
        const res = await fetch(`${harness().app.url}/api/orders`, {
          method: "POST",
          body: Buffer.from(bytes),
          headers: { authorization: `Bearer ${API_KEY}`, "content-type": "application/json", "idempotency-key": randomUUID() },
        });
        const body = await res.json().catch(() => null);
        expectClientAnswer({ status: res.status, body }, `POST /api/orders bytes ${Buffer.from(bytes).toString("hex").slice(0, 80)}`);
      }),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  });

  it("GET /api/products and GET /api/orders with generated query strings and cursors", async () => {
    const keys = fc.constantFrom("q", "brand", "grade", "inStock", "cursor", "limit", "status", "unknown", "q[]");
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("/api/products", "/api/orders"), fc.array(fc.tuple(keys, rawQueryValue), { maxLength: 4 }), async (path, pairs) => {
        const qs = pairs.map(([k, v]) => `${k}=${v}`).join("&");
        expectClientAnswer(await send("GET", `${path}?${qs}`), `GET ${path}?${qs}`);
      }),
      { numRuns: RUNS },
    );
  });

  it("GET and cancel /api/orders/{id} with generated path ids", async () => {
    const id = fc.oneof(
      text.filter((s) => s.length > 0).map((s) => encodeURIComponent(s.replace(/[\ud800-\udfff]/g, "\ufffd"))),
      fc.constantFrom("%ff", "%00", "%ED%A0%80", "%C0%AF", "%E0%A4%A", "%", "..", "%2e%2e", "a%2Fb", randomUUID()),
    );
    await fc.assert(
      fc.asyncProperty(id, fc.boolean(), async (raw, cancel) => {
        const path = `/api/orders/${raw}${cancel ? "/cancel" : ""}`;
        expectClientAnswer(await send(cancel ? "POST" : "GET", path, cancel ? {} : undefined), `${cancel ? "POST" : "GET"} ${path}`);
      }),
      { numRuns: RUNS },
    );
  });

  it("POST /api/webhooks/phonex with validly signed generated events", async () => {
    const event = fc.record(
      {
        event: fc.oneof(
          fc.constantFrom("order.status_updated", "order.accepted", "order.rejected", "order.canceled", "inventory.updated", "order.refunded"),
          text,
        ),
        order_id: fc.oneof(fc.constant(orderNumber), text, field),
        supplier_order_id: fc.oneof(fc.constant(null), text, field),
        status: fc.oneof(fc.constantFrom("received", "accepted", "processing", "shipped", "delivered", "canceled", "rejected"), text, field),
        tracking_number: fc.oneof(text, field),
        carrier: fc.oneof(text, field),
        reason: fc.oneof(text, field),
        updated_at: fc.oneof(
          fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
          text,
          fc.constantFrom("+275760-09-13T00:00:00.000Z", "0000-00-00"),
        ),
        items: fc.oneof(fc.array(fc.dictionary(text, field, { maxKeys: 6 }), { maxLength: 3 }), field),
      },
      { requiredKeys: ["event"] },
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(event, field), async (body) => {
        const raw = JSON.stringify(body) ?? "null";
        const ts = Math.floor(Date.now() / 1000);
        const res = await fetch(`${harness().app.url}/api/webhooks/phonex`, {
          method: "POST",
          body: raw,
          headers: {
            "content-type": "application/json",
            "x-phonex-event-id": `evt_${randomUUID()}`,
            "x-phonex-timestamp": String(ts),
            "x-phonex-signature": signPhoneX(process.env.PHONEX_WEBHOOK_SECRET!, ts, raw),
          },
        });
        const answer = { status: res.status, body: await res.json().catch(() => null) };
        expect([200, 202, 400], `webhook ${raw.slice(0, 200)} → ${answer.status} ${JSON.stringify(answer.body)}`).toContain(answer.status);
        if (answer.status === 400) expect(typeof answer.body?.error?.code).toBe("string");
      }),
      { numRuns: RUNS },
    );
  });
});
