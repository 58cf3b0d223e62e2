/**
 * The CJ simulator's products: 12 refurbished phones, each with a grade B and
 * a grade C variant, stocked in CJ's CN and US warehouses. Ten follow the
 * portal's SKU scheme in variantSku ("IPHONE13-128GB-B"), so the seeded catalog
 * can be ordered from CJ; two carry CJ's own SKUs, like most of CJ's catalog.
 * Deterministic (no randomness) so tests and the demo agree.
 */
export type CjWarehouseCode = "CN" | "US";

export const CJ_WAREHOUSES: Record<CjWarehouseCode, { areaId: string; areaEn: string }> = {
  CN: { areaId: "1", areaEn: "China Warehouse" },
  US: { areaId: "2", areaEn: "US Warehouse" },
};

export type CjSimVariant = {
  vid: string;
  pid: string;
  variantSku: string;
  variantNameEn: string;
  /** CJ joins the option values with "-": color-storage-grade. */
  variantKey: string;
  variantSellPrice: number;
  stock: Record<CjWarehouseCode, number>;
};

export type CjSimProduct = {
  pid: string;
  productNameEn: string;
  productSku: string;
  /** "min -- max", as CJ lists a product's price range. */
  sellPrice: string;
  variants: CjSimVariant[];
};

// [sku stem or null for a CJ-native SKU, brand, model, storage, color, grade B price]
const MODELS: [string | null, string, string, string, string, number][] = [
  ["IPHONE11-64GB", "Apple", "iPhone 11", "64GB", "Black", 152],
  ["IPHONE12-64GB", "Apple", "iPhone 12", "64GB", "Blue", 199],
  ["IPHONE12-128GB", "Apple", "iPhone 12", "128GB", "Black", 224],
  ["IPHONE13-128GB", "Apple", "iPhone 13", "128GB", "Midnight", 284],
  ["IPHONE14-128GB", "Apple", "iPhone 14", "128GB", "Purple", 352],
  ["IPHONE15-128GB", "Apple", "iPhone 15", "128GB", "Pink", 455],
  ["GALAXYS22-128GB", "Samsung", "Galaxy S22", "128GB", "Phantom Black", 214],
  ["GALAXYS23-256GB", "Samsung", "Galaxy S23", "256GB", "Cream", 336],
  ["PIXEL7-128GB", "Google", "Pixel 7", "128GB", "Obsidian", 189],
  ["PIXEL8-128GB", "Google", "Pixel 8", "128GB", "Hazel", 292],
  [null, "Motorola", "Moto G Power", "64GB", "Mist", 74],
  [null, "OnePlus", "Nord N20", "128GB", "Blue Smoke", 118],
];

const GRADES: ["B" | "C", number][] = [
  ["B", 1],
  ["C", 0.87],
];

function build(): CjSimProduct[] {
  return MODELS.map(([stem, brand, model, storage, color, price], m) => {
    const n = 1001 + m;
    const pid = `CJ-PID-${n}`;
    const productSku = stem ? `CJSJ${n}00` : `CJSJ${n}77`;
    const variants = GRADES.map(([grade, factor], g): CjSimVariant => {
      // A spread of stock, a few empty in one warehouse, for the per-warehouse views.
      const cn = (m * 37 + g * 11) % 90;
      const us = (m * 13 + g * 29) % 7 === 0 ? 0 : (m * 5 + g * 17) % 40;
      return {
        vid: `CJ-VID-${n}${grade}`,
        pid,
        variantSku: stem ? `${stem}-${grade}` : `${productSku}-${color.replace(/\s+/g, "")}-${storage}-${grade}`,
        variantNameEn: `${brand} ${model} ${storage} ${color} Grade ${grade}`,
        variantKey: `${color}-${storage}-${grade}`,
        variantSellPrice: Math.round(price * factor * 100) / 100,
        stock: { CN: cn, US: us },
      };
    });
    const prices = variants.map((v) => v.variantSellPrice);
    return {
      pid,
      productNameEn: `${brand} ${model} ${storage} ${color} (Refurbished)`,
      productSku,
      sellPrice: `${Math.min(...prices).toFixed(2)} -- ${Math.max(...prices).toFixed(2)}`,
      variants,
    };
  });
}

export const cjCatalog: readonly CjSimProduct[] = Object.freeze(build());
