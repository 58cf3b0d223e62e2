/**
 * The simulator's WesellCellular stock behind PhoneX: 42 graded phones. The
 * portal's seed uses the same list, so every seeded SKU can be ordered from
 * the simulator. Deterministic (no randomness) so tests and the demo agree.
 */
export type PhoneXCatalogItem = {
  sku: string;
  name: string;
  brand: string;
  model: string;
  storage: string;
  color: string;
  grade: "A" | "B" | "C";
  quantity: number;
  /** USD, as PhoneX sends it (a JSON number). */
  unit_price: number;
  currency: "USD";
};

// [sku stem, brand, model, storage, color, grade A price]
const MODELS: [string, string, string, string, string, number][] = [
  ["IPHONE11-64GB", "Apple", "iPhone 11", "64GB", "Black", 179],
  ["IPHONE11-128GB", "Apple", "iPhone 11", "128GB", "White", 199],
  ["IPHONE12-64GB", "Apple", "iPhone 12", "64GB", "Blue", 231],
  ["IPHONE12-128GB", "Apple", "iPhone 12", "128GB", "Black", 259],
  ["IPHONE13-128GB", "Apple", "iPhone 13", "128GB", "Midnight", 329],
  ["IPHONE13-256GB", "Apple", "iPhone 13", "256GB", "Starlight", 369],
  ["IPHONE14-128GB", "Apple", "iPhone 14", "128GB", "Purple", 409],
  ["IPHONE14PRO-256GB", "Apple", "iPhone 14 Pro", "256GB", "Deep Purple", 579],
  ["IPHONE15-128GB", "Apple", "iPhone 15", "128GB", "Pink", 529],
  ["GALAXYS21-128GB", "Samsung", "Galaxy S21", "128GB", "Phantom Gray", 189],
  ["GALAXYS22-128GB", "Samsung", "Galaxy S22", "128GB", "Phantom Black", 249],
  ["GALAXYS23-256GB", "Samsung", "Galaxy S23", "256GB", "Cream", 389],
  ["PIXEL7-128GB", "Google", "Pixel 7", "128GB", "Obsidian", 219],
  ["PIXEL8-128GB", "Google", "Pixel 8", "128GB", "Hazel", 339],
];

/** Grade B and C sell at a fixed discount from grade A. */
const GRADES: ["A" | "B" | "C", number][] = [
  ["A", 1],
  ["B", 0.88],
  ["C", 0.76],
];

function build(): PhoneXCatalogItem[] {
  const out: PhoneXCatalogItem[] = [];
  MODELS.forEach(([stem, brand, model, storage, color, price], m) => {
    GRADES.forEach(([grade, factor], g) => {
      // A spread of stock levels, with a few out of stock and a few low, for the demo's alerts.
      const n = (m * 7 + g * 13) % 17;
      const quantity = n === 0 ? 0 : n < 3 ? n + 2 : n * 15;
      out.push({
        sku: `${stem}-${grade}`,
        name: `${model} ${storage} Grade ${grade}`,
        brand,
        model,
        storage,
        color,
        grade,
        quantity,
        unit_price: Math.round(price * factor),
        currency: "USD",
      });
    });
  });
  return out;
}

export const phonexCatalog: readonly PhoneXCatalogItem[] = Object.freeze(build());
