// The pure pricing engine (no database): safe to import anywhere, tests included.
// Loading rules from the database: ./load-markup-rules (server only).
export { priceForCost, priceCentsForCost, DEFAULT_RULE, type PriceResult } from "./price-for-cost";
export { resellerPriceCents, type ProductForResellerPrice } from "./reseller-price";
export { selectRule, ruleMatches, SCOPE_RANK } from "./select-rule";
export { roundUp, isRounding } from "./round-price";
export { markupCents, addPercent, bandFor } from "./apply-markup";
export * from "./types";
