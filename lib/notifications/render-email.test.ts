import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import OrderShippedEmail from "../../emails/order-shipped";
import {
  EMAIL_TYPES,
  InvalidEmailPropsError,
  parseEmailProps,
  renderEmail,
  renderEmailHtml,
  renderEmailHtmls,
  type AnyEmail,
  type EmailType,
} from "./render-email";

const base = { appUrl: "https://portal.example.com/", orderId: "ord_123", orderNumber: "PXSTKL0000347", reference: "PO-88121" };
const orderUrl = "https://portal.example.com/orders/ord_123";

/** One realistic email per type, and the facts each must state in both versions. */
const cases: { email: AnyEmail; facts: string[] }[] = [
  {
    email: {
      type: "order_placed",
      props: {
        ...base,
        recipientName: "Maria",
        lines: [
          { sku: "IPHONE12-64GB-A", name: "iPhone 12 64GB Grade A", quantity: 10, unitPrice: "231.00", lineTotal: "2310.00" },
          { sku: "SM-S911-128-B", name: "Galaxy S23 128GB Grade B", quantity: 2, unitPrice: "289.50", lineTotal: "579.00" },
        ],
        subtotal: "2889.00",
        shipping: "25.00",
        total: "2914.00",
      },
    },
    facts: ["PXSTKL0000347", "PO-88121", "IPHONE12-64GB-A", "Galaxy S23 128GB Grade B", "$231.00", "$2,310.00", "$2,889.00", "$25.00", "$2,914.00", orderUrl],
  },
  { email: { type: "order_accepted", props: { ...base, supplierName: "PhoneX" } }, facts: ["PXSTKL0000347", "accepted", "PhoneX", orderUrl] },
  {
    email: { type: "order_rejected", props: { ...base, reason: "Insufficient stock for IPHONE12-64GB-A" } },
    facts: ["PXSTKL0000347", "rejected", "Insufficient stock for IPHONE12-64GB-A", orderUrl],
  },
  { email: { type: "order_processing", props: base }, facts: ["PXSTKL0000347", "fulfilling", orderUrl] },
  {
    email: {
      type: "order_shipped",
      props: {
        ...base,
        partial: true,
        shipments: [
          { carrier: "UPS", trackingNumber: "1Z999AA10123456784" },
          { carrier: "YunExpress", trackingNumber: "YT2412345678901", trackingUrl: "https://track.example.com/YT2412345678901" },
        ],
      },
    },
    facts: [
      "PXSTKL0000347",
      "UPS",
      "1Z999AA10123456784",
      "https://www.ups.com/track?tracknum=1Z999AA10123456784",
      "YunExpress",
      "YT2412345678901",
      "https://track.example.com/YT2412345678901",
      "Part of",
      orderUrl,
    ],
  },
  {
    email: { type: "order_delivered", props: { ...base, deliveredAt: "2025-11-03T15:42:00Z" } },
    facts: ["PXSTKL0000347", "delivered", "2025-11-03 15:42 UTC", orderUrl],
  },
  {
    email: { type: "order_canceled", props: { ...base, canceledBy: "ops", canceledByName: "Sam Ops", reason: "Duplicate order" } },
    facts: ["PXSTKL0000347", "canceled", "Sam Ops", "operations", "Duplicate order", orderUrl],
  },
  {
    email: { type: "order_failed", props: { ...base, supplierName: "PhoneX", lastError: "PhoneX answered 503 Service Unavailable", attempts: 8 } },
    facts: ["PXSTKL0000347", "could not be forwarded", "PhoneX answered 503 Service Unavailable", "8", "https://portal.example.com/ops/orders/ord_123"],
  },
  {
    email: { type: "low_stock", props: { appUrl: base.appUrl, sku: "IPHONE12-64GB-A", supplierName: "PhoneX", quantity: 3, threshold: 5 } },
    facts: ["IPHONE12-64GB-A", "PhoneX", "3", "5", "https://portal.example.com/ops/alerts?q=IPHONE12-64GB-A"],
  },
  {
    email: { type: "out_of_stock", props: { appUrl: base.appUrl, sku: "IPHONE12-64GB-A", supplierName: "CJ Dropshipping", quantity: 0, deactivated: true } },
    facts: ["IPHONE12-64GB-A", "CJ Dropshipping", "0", "deactivated"],
  },
  {
    email: {
      type: "account_invite",
      props: {
        appUrl: base.appUrl,
        companyName: "Worldtech Mobile",
        invitedBy: "Maria Lopez",
        role: "buyer",
        acceptUrl: "https://portal.example.com/invite/abc",
        expiresAt: "2026-12-06T10:00:00.000Z",
      },
    },
    facts: ["Worldtech Mobile", "Maria Lopez", "a buyer", "https://portal.example.com/invite/abc", "2026-12-06 10:00 UTC"],
  },
  {
    email: {
      type: "password_reset",
      props: { appUrl: base.appUrl, recipientName: "Maria", resetUrl: "https://portal.example.com/reset-password/abc", expiresAt: "2026-12-03T11:00:00.000Z" },
    },
    facts: ["Reset your password", "https://portal.example.com/reset-password/abc", "2026-12-03 11:00 UTC", "signs you out everywhere else"],
  },
  {
    email: {
      type: "webhook_disabled",
      props: { appUrl: base.appUrl, recipientName: "Maria", endpointUrl: "https://erp.example.com/hooks", reason: "the endpoint answered 410 Gone" },
    },
    facts: ["https://erp.example.com/hooks", "410 Gone", "https://portal.example.com/account/webhooks"],
  },
  {
    email: {
      type: "offer_for_buyer",
      props: {
        appUrl: base.appUrl,
        offerId: "offer-9",
        offerNumber: "OF0001009",
        recipientName: "Maria",
        event: "countered",
        lines: [{ sku: "IP12-64-A", name: "iPhone 12 64GB A", quantity: 10, unitPrice: "225.00", lineTotal: "2250.00" }],
        total: "2250.00",
        currency: "USD",
        message: "We can do 10 at 225.",
      },
    },
    facts: ["OF0001009", "countered", "IP12-64-A", "We can do 10 at 225.", "https://portal.example.com/offers"],
  },
  {
    email: {
      type: "offer_for_ops",
      props: {
        appUrl: base.appUrl,
        offerId: "offer-9",
        offerNumber: "OF0001009",
        companyName: "Worldtech Mobile",
        event: "made",
        lines: [{ sku: "IP12-64-A", name: "iPhone 12 64GB A", quantity: 10, unitPrice: "215.00", lineTotal: "2150.00" }],
        total: "2150.00",
        currency: "USD",
      },
    },
    facts: ["OF0001009", "Worldtech Mobile", "IP12-64-A", "https://portal.example.com/ops/offers"],
  },
  {
    email: {
      type: "sync_failed",
      props: { appUrl: base.appUrl, supplierName: "PhoneX", kind: "stock", syncLogId: "run-42", reason: "PhoneX answered 503 three times" },
    },
    facts: ["PhoneX", "stock sync", "run-42", "PhoneX answered 503 three times", "https://portal.example.com/ops/sync"],
  },
  {
    email: {
      type: "stock_digest",
      props: {
        appUrl: base.appUrl,
        periodEnd: "2026-12-04T07:00:00.000Z",
        alerts: [
          { kind: "low_stock", sku: "IP13-128-A", productName: "iPhone 13 128GB A", supplierName: "PhoneX", quantity: 3, at: "2026-12-03T10:00:00.000Z" },
          {
            kind: "out_of_stock",
            sku: "S21-256-B",
            productName: "Galaxy S21 256GB B",
            supplierName: "CJ Dropshipping",
            quantity: 0,
            at: "2026-12-03T11:00:00.000Z",
          },
        ],
      },
    },
    facts: ["IP13-128-A", "S21-256-B", "1 out of stock, 1 low", "https://portal.example.com/ops/alerts"],
  },
];

/** Undo HTML escaping so facts with "&" or quotes can be searched for in the markup. */
const unescape = (html: string) =>
  html
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'");

describe("renderEmail", () => {
  it("has a case for every type", () => {
    expect(cases.map((c) => c.email.type).sort()).toEqual([...EMAIL_TYPES].sort());
  });

  for (const { email, facts } of cases) {
    it(`${email.type}: subject, HTML and text state the key facts`, () => {
      const out = renderEmail(email.type, email.props as never);
      expect(out.html.startsWith("<!doctype html><html")).toBe(true);
      expect(out.html).toContain("PhoneX Portal");
      expect(out.text).toContain("PhoneX Portal");
      expect(out.subject).not.toMatch(/[\r\n]/);
      const html = unescape(out.html);
      for (const fact of facts) {
        expect(html, `HTML lacks "${fact}"`).toContain(fact);
        expect(out.text, `text lacks "${fact}"`).toContain(fact);
      }
      expect(out.html).not.toMatch(/<link|<script|<img|@import/i); // no external resources
    });
  }

  it("puts the order number in every order subject, the SKU in stock alerts and the company in invitations", () => {
    for (const { email } of cases) {
      if (["password_reset", "webhook_disabled", "stock_digest", "offer_for_buyer", "offer_for_ops"].includes(email.type)) continue;
      const { subject } = renderEmail(email.type, email.props as never);
      const p = email.props as { orderNumber?: string; sku?: string; companyName?: string; supplierName?: string };
      const expected = p.orderNumber ?? p.sku ?? p.companyName ?? p.supplierName;
      expect(subject).toContain(expected);
    }
  });

  it("shows the tracking number in the shipped subject for a single parcel", () => {
    const out = renderEmail("order_shipped", { ...base, shipments: [{ carrier: "UPS", trackingNumber: "1Z999AA10123456784" }] });
    expect(out.subject).toBe("Order PXSTKL0000347 (PO-88121) shipped: UPS 1Z999AA10123456784");
  });

  it("escapes supplier text in HTML", () => {
    const out = renderEmail("order_rejected", { ...base, reason: `<script>alert("x")</script> & <b>bold</b>` });
    expect(out.html).not.toContain("<script>");
    expect(out.html).toContain("&lt;script&gt;");
    expect(out.text).toContain(`<script>alert("x")</script>`); // plain text needs no escaping
  });

  it("keeps a newline in supplier text out of the subject", () => {
    const out = renderEmail("low_stock", { appUrl: base.appUrl, sku: "SKU-1", supplierName: "Evil\r\nBcc: x@example.com", quantity: 1 });
    expect(out.subject).toBe("Low stock: SKU-1 at Evil Bcc: x@example.com (1 left)");
  });

  it("defaults the total to the subtotal and the currency to USD", () => {
    const props = parseEmailProps("order_placed", {
      ...base,
      lines: [{ sku: "A", name: "A", quantity: 1, unitPrice: "1.50", lineTotal: "1.50" }],
      subtotal: "1.50",
    });
    expect(props.currency).toBe("USD");
    expect(renderEmail("order_placed", props).text).toMatch(/Total:\s+\$1\.50/);
  });

  it("strips the trailing slash of appUrl", () => {
    expect(parseEmailProps("order_accepted", base).appUrl).toBe("https://portal.example.com");
  });
});

describe("renderEmailHtmls (one render per template and event)", () => {
  const names = ["Maria", 'O\'Brien & <Sons> "Ltd"', null, undefined, "  Padded  ", "Zoë 東京"];

  it("gives every reader of every type exactly what rendering each email alone gives", () => {
    const items = cases.flatMap((c) => names.map((recipientName) => ({ type: c.email.type as string, props: { ...c.email.props, recipientName } })));
    const shared = renderEmailHtmls(items);
    expect(shared).toEqual(items.map((it) => renderEmailHtml(it.type as EmailType, it.props)));
    // The readers' greetings really differ (the stand-in never leaks).
    expect(shared.some((h) => h!.includes("Hi O&#x27;Brien &amp; &lt;Sons&gt; &quot;Ltd&quot;,"))).toBe(true);
    expect(shared.every((h) => !h!.includes("StandIn"))).toBe(true);
  });

  it("keeps emails of different events apart and leaves rows without props empty", () => {
    const placed = cases[0]!.email.props as Record<string, unknown>;
    const items = [
      { type: "order_placed", props: { ...placed, recipientName: "A" } },
      { type: "order_placed", props: { ...placed, orderNumber: "OTHER-1", recipientName: "B" } },
      { type: "order_placed", props: null },
      { type: "not_a_type", props: placed },
    ];
    const [a, b, none, unknown] = renderEmailHtmls(items);
    expect(a).toContain("PXSTKL0000347");
    expect(a).not.toContain("OTHER-1");
    expect(b).toContain("OTHER-1");
    expect(b).toContain("Hi B,");
    expect([none, unknown]).toEqual([null, null]);
  });
});

describe("props validation", () => {
  const bad: [EmailType, unknown, string][] = [
    ["order_placed", { ...base, lines: [], subtotal: "0.00" }, "lines"],
    ["order_placed", { ...base, lines: [{ sku: "A", name: "A", quantity: 1, unitPrice: "1.5", lineTotal: "1.50" }], subtotal: "1.50" }, "lines.0.unitPrice"],
    ["order_placed", { ...base, lines: [{ sku: "A", name: "A", quantity: 0, unitPrice: "1.50", lineTotal: "0.00" }], subtotal: "0.00" }, "lines.0.quantity"],
    ["order_rejected", { ...base }, "reason"],
    ["order_rejected", { ...base, reason: "   " }, "reason"],
    ["order_shipped", { ...base, shipments: [] }, "shipments"],
    ["order_shipped", { ...base, shipments: [{ carrier: "UPS" }] }, "shipments.0.trackingNumber"],
    ["order_shipped", { ...base, shipments: [{ carrier: "UPS", trackingNumber: "1", trackingUrl: "javascript:alert(1)" }] }, "shipments.0.trackingUrl"],
    ["order_canceled", { ...base, canceledBy: "martians" }, "canceledBy"],
    ["order_accepted", { ...base, appUrl: "not a url" }, "appUrl"],
    ["order_accepted", { ...base, orderNumber: undefined }, "orderNumber"],
    ["order_failed", { ...base, lastError: "" }, "lastError"],
    ["low_stock", { appUrl: base.appUrl, sku: "A", supplierName: "PhoneX", quantity: -1 }, "quantity"],
    ["out_of_stock", { appUrl: base.appUrl, sku: "A", quantity: 0 }, "supplierName"],
  ];

  for (const [type, props, path] of bad) {
    it(`${type} rejects a bad ${path}`, () => {
      let error: unknown;
      try {
        renderEmail(type, props as never);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(InvalidEmailPropsError);
      const issues = (error as InvalidEmailPropsError).issues.map((i) => i.path.join("."));
      expect(issues).toContain(path);
      expect((error as Error).message).toContain(type);
    });
  }

  it("rejects an unknown type", () => {
    expect(() => renderEmail("order_teleported" as EmailType, base as never)).toThrow(InvalidEmailPropsError);
  });

  it("bounds a huge error text instead of rejecting it", () => {
    const out = renderEmail("order_failed", { ...base, lastError: "x".repeat(50_000) });
    expect(out.text.length).toBeLessThan(6000);
    expect(out.text).toContain("…");
  });
});

describe("templates", () => {
  it("render with their default props when given none (preview)", async () => {
    for (const file of [
      "order-placed",
      "order-accepted",
      "order-rejected",
      "order-processing",
      "order-shipped",
      "order-delivered",
      "order-canceled",
      "order-failed",
      "low-stock",
      "out-of-stock",
    ]) {
      const mod = (await import(`../../emails/${file}.tsx`)) as {
        default: (p: object) => React.ReactElement;
        previewProps: object;
        schema: { parse(v: unknown): unknown };
      };
      const html = renderToStaticMarkup(createElement(mod.default));
      expect(html, file).toContain("PhoneX Portal");
      expect(() => mod.schema.parse(mod.previewProps), `${file} previewProps must be valid`).not.toThrow();
    }
  });

  it("do not fill a real email's missing optional fields from the preview", () => {
    const html = renderToStaticMarkup(createElement(OrderShippedEmail, { ...base, partial: false, shipments: [{ carrier: "DHL", trackingNumber: "JD0001" }] }));
    expect(html).not.toContain("1Z999AA10123456784");
    expect(html).toContain("JD0001");
  });
});
