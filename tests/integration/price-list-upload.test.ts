// POST /api/ops/suppliers/{id}/price-list on the real database: staff only, a
// good file (raw text/csv or JSON { csv }) updates the supplier's offers and
// the prices follow through the markup rules; a bad file is a 422 naming its
// lines and changes nothing. The staff path calls the route module itself,
// signed in through a test double of the session (as supplier-admin.test.ts).
import { beforeEach, describe, expect, it, vi } from "vitest";
import { POST } from "../../app/api/ops/suppliers/[id]/price-list/route";
import type { Principal } from "../../lib/auth/principal";
import { defaultResellerPrice } from "../../lib/catalog/import-price-list";
import { MAX_PRICE_LIST_BYTES } from "../../lib/catalog/import-schemas";
import { db } from "../../lib/db/client";
import { money } from "../../lib/money";
import { api, resetState, seedOtherSuppliers, seedWorld } from "../helpers/harness";

const session = vi.hoisted(() => ({ principal: null as Principal | null }));
vi.mock("../../lib/auth/session", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../lib/auth/session")>()),
  getSessionPrincipal: async () => session.principal,
}));

const HEADER = "Brand,Model,Storage,Color,Grade,Price,Stock,SKU";
const csv = (...lines: string[]) => [HEADER, ...lines].join("\r\n") + "\r\n";
const NEW_SKU = "MOTOG84-256GB-A";
const motoG84 = (price: string, stock: number) => `Motorola,Moto G84,256GB,Viva Magenta,A,${price},${stock},${NEW_SKU}`;

let world: Awaited<ReturnType<typeof seedWorld>>;
let wsc: Awaited<ReturnType<typeof seedOtherSuppliers>>["wsc"];
/** The first seeded PhoneX product, which WesellCellular will offer too. */
let known: { sku: string; cost: string; stock: number; row: (price: string, stock: number) => string };

beforeEach(async () => {
  await resetState();
  world = await seedWorld();
  ({ wsc } = await seedOtherSuppliers());
  const p = await db.product.findUniqueOrThrow({ where: { sku: world.skus[0]! }, include: { offers: true } });
  known = {
    sku: p.sku,
    cost: money(p.offers[0]!.cost),
    stock: p.stock,
    row: (price, stock) => [p.brand, p.model, p.storage, p.color, p.grade, price, stock, p.sku].join(","),
  };
  session.principal = { kind: "session", userId: world.ops.id, email: world.ops.email, name: world.ops.name, role: "ops", companyId: null };
});

/** Call the route handler as the signed-in ops user. */
async function upload(idOrSlug: string, body: string, contentType = "text/csv") {
  const req = new Request(`http://portal.test/api/ops/suppliers/${idOrSlug}/price-list`, {
    method: "POST",
    headers: { "content-type": contentType, cookie: "next-auth.session-token=integration" },
    body,
  });
  const res = await POST(req, { params: Promise.resolve({ id: idOrSlug }) });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: res.status, body: (await res.json()) as any };
}

const wscOffer = (sku: string) => db.supplierOffer.findUnique({ where: { supplierId_supplierSku: { supplierId: wsc.id, supplierSku: sku } } });

/** Everything an upload could touch, as plain values. */
async function catalogSnapshot() {
  const products = await db.product.findMany({ orderBy: { sku: "asc" } });
  const offers = await db.supplierOffer.findMany({ orderBy: [{ supplierId: "asc" }, { supplierSku: "asc" }] });
  const changes = await db.priceChange.findMany({ orderBy: { id: "asc" } });
  return JSON.parse(JSON.stringify({ products, offers, changes })) as unknown;
}

describe("access", () => {
  it("refuses resellers (403) and strangers (401)", async () => {
    const body = csv(motoG84("199.00", 12));
    const reseller = await api(`/api/ops/suppliers/${wsc.slug}/price-list`, { method: "POST", headers: { "content-type": "text/csv" }, body });
    expect(reseller.status).toBe(403);
    expect(reseller.body.error.code).toBe("forbidden");
    const stranger = await api(`/api/ops/suppliers/${wsc.slug}/price-list`, { method: "POST", json: { csv: body }, key: null });
    expect(stranger.status).toBe(401);
    expect(await wscOffer(NEW_SKU)).toBeNull();
  });
});

describe("upload", () => {
  it("applies a good file (raw CSV by slug, then JSON by id): offers, stock and prices follow", async () => {
    // Cheaper than PhoneX by a little: orders now route to WesellCellular and the price follows, live at once.
    const cheaper = money(Number(known.cost) - 4);
    const first = await upload(wsc.slug, csv(known.row(cheaper, 7), motoG84("199.00", 12)));
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ ok: true, added: 2, updated: 0, unchanged: 0, stale: 0, newProducts: 1, errors: [] });

    expect(await wscOffer(known.sku)).toMatchObject({ stock: 7 });
    expect(money((await wscOffer(known.sku))!.cost)).toBe(cheaper);
    const p = await db.product.findUniqueOrThrow({ where: { sku: known.sku } });
    expect(p.stock).toBe(known.stock + 7);
    expect(money(p.price)).toBe(defaultResellerPrice(cheaper));
    const moto = await db.product.findUniqueOrThrow({ where: { sku: NEW_SKU } });
    expect(moto).toMatchObject({ brand: "Motorola", stock: 12, active: true });
    expect(money(moto.price)).toBe(defaultResellerPrice("199.00"));

    // Half the cost: a move over the tolerance waits for ops approval; the live price stays.
    const half = money(Number(cheaper) / 2);
    const second = await upload(wsc.id, JSON.stringify({ csv: csv(known.row(half, 7), motoG84("199.00", 12)) }), "application/json");
    expect(second.status, JSON.stringify(second.body)).toBe(200);
    expect(second.body).toMatchObject({ added: 0, updated: 1, unchanged: 1, stale: 0, errors: [] });
    expect(money((await wscOffer(known.sku))!.cost)).toBe(half);
    expect(money((await db.product.findUniqueOrThrow({ where: { sku: known.sku } })).price)).toBe(defaultResellerPrice(cheaper));
    const pending = await db.priceChange.findFirstOrThrow({ where: { productId: p.id, status: "pending" } });
    expect([money(pending.newCost), money(pending.newPrice)]).toEqual([half, defaultResellerPrice(half)]);

    const logs = await db.supplierSyncLog.findMany({ where: { supplierId: wsc.id }, orderBy: { startedAt: "asc" } });
    expect(logs.map((l) => [l.type, l.status])).toEqual([
      ["price_list", "success"],
      ["price_list", "success"],
    ]);
  });

  it("refuses a bad file with its lines (422) and changes nothing", async () => {
    expect((await upload(wsc.slug, csv(known.row("100.00", 3)))).status).toBe(200);
    const before = await catalogSnapshot();

    const res = await upload(
      wsc.slug,
      csv(
        known.row("90.00", 5), // line 2: would update
        "Apple,iPhone 12,64GB,Blue,D,225.00,40,IPHONE12-64GB-D", // line 3: bad grade
        motoG84("199.00", 12), // line 4: would add a product
        "Google,Pixel 8,128GB,Hazel,A,12.345,4,PIXEL8-128GB-A", // line 5: bad price
      ),
    );
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({
      code: "validation_failed",
      fields: { "line 3": 'Grade must be A, B or C (got "D")', "line 5": expect.stringMatching(/^Price must be an amount/) },
      errors: [
        { line: 3, column: "Grade", message: expect.any(String) },
        { line: 5, column: "Price", message: expect.any(String) },
      ],
    });
    expect(Object.keys(res.body.error.fields)).toEqual(["line 3", "line 5"]);
    expect(await catalogSnapshot()).toEqual(before);
    expect(await db.product.count({ where: { sku: { in: [NEW_SKU, "IPHONE12-64GB-D"] } } })).toBe(0);

    // The rejected attempt is on record; the unknown supplier, a file too big and an empty JSON body are refused too.
    const rejected = await db.supplierSyncLog.findUniqueOrThrow({ where: { id: res.body.error.syncLogId } });
    expect(rejected).toMatchObject({ type: "price_list", status: "error" });
    expect((await upload("no-such-supplier", csv(motoG84("199.00", 12)))).status).toBe(404);
    expect((await upload(wsc.slug, "x".repeat(MAX_PRICE_LIST_BYTES + 1))).status).toBe(413);
    const noCsv = await upload(wsc.slug, "{}", "application/json");
    expect(noCsv.status).toBe(422);
    expect(noCsv.body.error.fields).toHaveProperty("csv");
    expect(await catalogSnapshot()).toEqual(before);
  });
});
