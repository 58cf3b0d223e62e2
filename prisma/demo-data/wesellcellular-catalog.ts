/**
 * The simulator's WesellCellular stock list: 15 graded phones. Several share
 * model/storage/grade with the PhoneX simulator catalog
 * (phonex-catalog.ts), some cheaper there, some here,
 * so routing has a real choice; a few exist only here; two are out of stock
 * (hidden by includeOutOfStock=false). Deterministic, so tests and the demo agree.
 */
export type WscCatalogItem = {
  itemNumber: string;
  brand: string;
  model: string;
  storage: string;
  color: string;
  grade: "A" | "B" | "C";
  quantity: number;
  /** USD, a JSON number (assumed). */
  price: number;
};

// [itemNumber, brand, model, storage, color, grade, quantity, price]
const ROWS: [string, string, string, string, string, WscCatalogItem["grade"], number, number][] = [
  // Also at PhoneX (IPHONE12-64GB-A 231, -B 203): cheaper here for A, dearer for B.
  ["WSC-100101", "Apple", "iPhone 12", "64GB", "Blue", "A", 40, 225],
  ["WSC-100102", "Apple", "iPhone 12", "64GB", "Blue", "B", 25, 209],
  // Also at PhoneX (IPHONE13-128GB-A 329, -B 290, -C 250).
  ["WSC-100201", "Apple", "iPhone 13", "128GB", "Midnight", "A", 60, 319],
  ["WSC-100202", "Apple", "iPhone 13", "128GB", "Midnight", "B", 35, 295],
  ["WSC-100203", "Apple", "iPhone 13", "128GB", "Midnight", "C", 0, 244],
  // Also at PhoneX (IPHONE14PRO-256GB-A 579).
  ["WSC-100301", "Apple", "iPhone 14 Pro", "256GB", "Deep Purple", "A", 12, 569],
  // Also at PhoneX (GALAXYS22-128GB-A 249, -B 219).
  ["WSC-200101", "Samsung", "Galaxy S22", "128GB", "Phantom Black", "A", 18, 255],
  ["WSC-200102", "Samsung", "Galaxy S22", "128GB", "Phantom Black", "B", 30, 212],
  // Also at PhoneX (PIXEL7-128GB-A 219).
  ["WSC-300101", "Google", "Pixel 7", "128GB", "Obsidian", "A", 22, 214],
  // Only here.
  ["WSC-100401", "Apple", "iPhone 15 Pro", "256GB", "Natural Titanium", "A", 8, 789],
  ["WSC-100402", "Apple", "iPhone 15 Pro", "256GB", "Natural Titanium", "B", 0, 699],
  ["WSC-100501", "Apple", "iPhone SE", "64GB", "Midnight", "B", 90, 109],
  ["WSC-200201", "Samsung", "Galaxy S23+", "256GB", "Lavender", "A", 14, 459],
  ["WSC-200301", "Samsung", "Galaxy A54", "128GB", "Awesome Graphite", "A", 75, 189],
  ["WSC-300201", "Google", "Pixel 8 Pro", "128GB", "Bay", "B", 9, 449],
];

export const wscCatalog: readonly WscCatalogItem[] = Object.freeze(
  ROWS.map(([itemNumber, brand, model, storage, color, grade, quantity, price]) =>
    Object.freeze({ itemNumber, brand, model, storage, color, grade, quantity, price }),
  ),
);
