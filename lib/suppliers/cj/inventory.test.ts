import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { cjHandlers } from "../../../tests/msw/cj";
import { SupplierError, type SupplierConfig } from "../types";
import { CjAdapter } from "./adapter";
import { cjCatalog, createCjSimulator } from "../../../dev/simulators/cj";
import { MemoryCjTokenStore } from "./token-store";

const BASE = "https://cj-inv.test/api2.0/v1";
const KEY = "cj_inv_key";
// The server caps pages at 5 products, below the 100 we ask for, so paging is exercised.
const sim = createCjSimulator({ apiKey: KEY, autoAdvance: false, qps: 0, pageSize: 5 });
const urls: URL[] = [];
const server = setupServer(
  http.all(`${BASE}/*`, ({ request }) => void urls.push(new URL(request.url))),
  ...cjHandlers(BASE, sim),
);
const config: SupplierConfig = {
  id: "s",
  slug: "cj",
  kind: "cj",
  baseUrl: BASE,
  credentials: { apiKey: KEY },
  webhookSecrets: [],
  timeoutMs: 500,
  rateLimitPerSec: 0,
};
const adapter = new CjAdapter(config, undefined, { tokenStore: new MemoryCjTokenStore() });
const allVariants = cjCatalog.flatMap((p) => p.variants);

async function failure(p: Promise<unknown>): Promise<SupplierError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SupplierError);
  return err as SupplierError;
}

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  server.resetHandlers();
  sim.reset();
  urls.length = 0;
});
afterAll(() => {
  server.close();
  sim.close();
});

describe("CjAdapter.fetchInventory", () => {
  it("pages through listV2 and returns one item per variant, keyed by vid", async () => {
    const items = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await adapter.fetchInventory(cursor);
      items.push(...page.items);
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(items.map((i) => i.supplierSku)).toEqual(allVariants.map((v) => v.vid));
    const lists = urls.filter((u) => u.pathname.endsWith("/product/listV2"));
    expect(lists.map((u) => u.search)).toEqual(["?page=1&size=100", "?page=2&size=100", "?page=3&size=100"]);

    const v = allVariants.find((x) => x.variantSku === "IPHONE13-128GB-B")!;
    expect(items.find((i) => i.supplierSku === v.vid)).toEqual({
      supplierSku: v.vid,
      sku: "IPHONE13-128GB-B",
      name: "Apple iPhone 13 128GB Midnight Grade B",
      brand: "Apple",
      model: "iPhone 13",
      storage: "128GB",
      color: "Midnight",
      grade: "B",
      quantity: v.stock.CN + v.stock.US,
      unitPrice: v.variantSellPrice.toFixed(2),
      currency: "USD",
    });
    // /product/query prices the variants; each variant's stock comes from stock/queryByVid (both in the contract).
    const stockCalls = urls.filter((u) => u.pathname.endsWith("/product/stock/queryByVid"));
    expect(stockCalls.map((u) => u.searchParams.get("vid"))).toEqual(allVariants.map((x) => x.vid));
    const queries = urls.filter((u) => u.pathname.endsWith("/product/query"));
    expect(queries.every((u) => [...u.searchParams.keys()].join() === "pid")).toBe(true);
  });

  it("takes a variant's stock from the product answer when CJ includes it, without a stock call", async () => {
    server.use(
      http.get(`${BASE}/product/query`, async ({ request }) => {
        const body = (await (await sim.handle(request)).json()) as { data: { variants: { vid: string }[] } };
        for (const v of body.data.variants) {
          const rows = (
            (await (await sim.handle(new Request(`${BASE}/product/stock/queryByVid?vid=${v.vid}`, { headers: request.headers }))).json()) as { data: unknown }
          ).data;
          Object.assign(v, { inventories: rows });
        }
        return HttpResponse.json(body);
      }),
    );
    const page = await adapter.fetchInventory("3");
    expect(page.nextCursor).toBeNull();
    expect(page.items).toHaveLength(4);
    // Only the override's own reads (through sim.handle, not fetch) asked for stock.
    expect(urls.filter((u) => u.pathname.endsWith("/product/stock/queryByVid"))).toHaveLength(0);
    const v = allVariants.at(-1)!;
    expect(page.items.at(-1)).toMatchObject({ supplierSku: v.vid, quantity: v.stock.CN + v.stock.US });
  });

  it("refuses a cursor it did not hand out", async () => {
    expect(await failure(adapter.fetchInventory("abc"))).toMatchObject({ kind: "permanent", details: { code: "invalid_cursor" } });
  });

  it("an empty page ends the listing", async () => {
    expect(await adapter.fetchInventory("9")).toEqual({ items: [], nextCursor: null });
  });
});

describe("CjAdapter stock and products", () => {
  const v = allVariants[3]!;

  it("stockByVid gives one row per warehouse", async () => {
    expect(await adapter.stockByVid(v.vid)).toEqual([
      { warehouse: "China Warehouse", countryCode: "CN", quantity: v.stock.CN },
      { warehouse: "US Warehouse", countryCode: "US", quantity: v.stock.US },
    ]);
    expect(urls.at(-1)!.search).toBe(`?vid=${v.vid}`);
  });

  it("stockBySku takes a variant SKU (and a product SKU), and an unknown one is permanent", async () => {
    expect(await adapter.stockBySku(v.variantSku)).toHaveLength(2);
    expect(await adapter.stockBySku(cjCatalog[0]!.productSku)).toHaveLength(4);
    expect(await failure(adapter.stockBySku("NOKIA3310"))).toMatchObject({ kind: "permanent", details: { code: "variant_not_found" } });
  });

  it("getProduct finds a product by pid, variant SKU or product SKU, with stock per warehouse", async () => {
    const p = cjCatalog[3]!;
    const byPid = await adapter.getProduct(p.pid);
    expect(byPid).toMatchObject({ pid: p.pid, productSku: p.productSku, name: p.productNameEn });
    expect(byPid.items.map((i) => i.supplierSku)).toEqual(p.variants.map((x) => x.vid));
    expect(byPid.items[0]!.warehouses).toEqual([
      { warehouse: "China Warehouse", countryCode: "CN", quantity: p.variants[0]!.stock.CN },
      { warehouse: "US Warehouse", countryCode: "US", quantity: p.variants[0]!.stock.US },
    ]);
    expect((await adapter.getProduct("IPHONE13-128GB-C")).pid).toBe(p.pid);
    expect((await adapter.getProduct(p.productSku)).pid).toBe(p.pid);
    expect((await adapter.getProduct({ variantSku: "IPHONE13-128GB-B" })).pid).toBe(p.pid);
    expect(await failure(adapter.getProduct("NOKIA3310"))).toMatchObject({ kind: "permanent", details: { code: "product_not_found" } });
  });

  it("orders draw stock down at the ship-from warehouse", async () => {
    await adapter.createOrder({
      idempotencyKey: "so_stock",
      reference: "R",
      customerId: "c",
      items: [{ sku: v.variantSku, supplierSku: v.vid, quantity: 2, unitPrice: "1.00" }],
      shippingAddress: { name: "N", line1: "L", city: "C", postalCode: "1", country: "US" },
    });
    expect((await adapter.stockByVid(v.vid))[0]!.quantity).toBe(Math.max(0, v.stock.CN - 2));
  });
});
