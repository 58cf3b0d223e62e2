/**
 * The markup rule as the pure pricing engine sees it: plain values, so the
 * engine runs the same on rows from the database, on a form's input and in
 * unit tests. Money is cents inside the engine and "231.00" strings outside.
 */
export const MARKUP_SCOPES = ["global", "brand", "category", "tier"] as const;
export type MarkupScope = (typeof MARKUP_SCOPES)[number];

export const MARKUP_KINDS = ["percent", "fixed", "tiers"] as const;
export type MarkupKind = (typeof MARKUP_KINDS)[number];

/**
 * Price endings. Every mode rounds UP (a rounding never eats into the
 * markup): ".99" turns 230.01 into 230.99 and 231.00 into 231.99.
 */
export const ROUNDINGS = ["none", "whole", ".99", ".49/.99", ".95", "9.99"] as const;
export type Rounding = (typeof ROUNDINGS)[number];

/** One cost band of a "tiers" rule: costs up to `upTo` (inclusive; null = no limit) get this markup. */
export type CostTier = { upTo: string | null; percent?: number | string | null; fixed?: string | number | null };

export type MarkupRuleInput = {
  id: string;
  scope: MarkupScope;
  /** The brand, category or company tier targeted; ignored for global. */
  scopeValue: string | null;
  kind: MarkupKind;
  /** percent: 12.5 = +12.5 %; fixed: dollars added. Unused for tiers. */
  value: string | number | { toString(): string } | null;
  costTiers: CostTier[] | null;
  rounding: string;
  /** Lower wins among rules of the same scope. */
  priority: number;
  active?: boolean;
  createdAt?: Date;
};

/** What of a product the rules look at. */
export type PricedProduct = { brand: string; category: string };

/**
 * What a reprice did. `applied`: base prices written (a new price, or the same
 * price now coming from another cost); `changed`: those whose price moved;
 * `proposed`: moves over the tolerance now waiting for approval; `withdrawn`:
 * waiting changes dropped because the new price made them moot.
 */
export type RepriceResult = { applied: number; changed: number; proposed: number; withdrawn: number };
