import { z } from "zod";
import { MARKUP_KINDS, MARKUP_SCOPES, ROUNDINGS } from "./types";

/** Shared by the pricing page's form and the /api/ops/pricing routes. */
const dollars = z
  .union([z.string(), z.number()])
  .transform((v) => (typeof v === "number" ? v.toFixed(2) : v.trim()))
  .pipe(z.string().regex(/^\d{1,9}(\.\d{1,2})?$/, "A dollar amount such as 25 or 12.50"));

export const costTierSchema = z
  .object({
    upTo: dollars.nullable(),
    percent: z.number().min(0).max(1000).nullish(),
    fixed: dollars.nullish(),
  })
  .refine((t) => t.percent != null || t.fixed != null, { message: "A band needs a percent or a fixed amount" });

export const markupRuleSchema = z
  .object({
    name: z.string().trim().min(1, "Name the rule").max(100),
    scope: z.enum(MARKUP_SCOPES),
    scopeValue: z.string().trim().max(100).nullish(),
    kind: z.enum(MARKUP_KINDS),
    value: z.number().min(0).max(100_000).nullish(),
    costTiers: z.array(costTierSchema).max(20).nullish(),
    rounding: z.enum(ROUNDINGS).default("none"),
    priority: z.number().int().min(0).max(1_000_000).default(100),
    active: z.boolean().default(true),
  })
  .superRefine((r, ctx) => {
    if (r.scope !== "global" && !r.scopeValue) ctx.addIssue({ code: "custom", path: ["scopeValue"], message: `Which ${r.scope} this rule is for` });
    if (r.kind !== "tiers" && (r.value === null || r.value === undefined)) ctx.addIssue({ code: "custom", path: ["value"], message: "Enter the markup" });
    if (r.kind === "percent" && (r.value ?? 0) > 1000) ctx.addIssue({ code: "custom", path: ["value"], message: "At most 1000 %" });
    if (r.kind === "tiers") {
      const bands = r.costTiers ?? [];
      if (bands.length === 0) ctx.addIssue({ code: "custom", path: ["costTiers"], message: "Add at least one cost band" });
      if (bands.filter((b) => b.upTo === null).length > 1) ctx.addIssue({ code: "custom", path: ["costTiers"], message: "Only one band can be open-ended" });
      const limits = bands.filter((b) => b.upTo !== null).map((b) => Number(b.upTo));
      if (new Set(limits).size !== limits.length) ctx.addIssue({ code: "custom", path: ["costTiers"], message: "Two bands have the same upper limit" });
    }
  })
  // Keep only what the kind and scope use, so a stored rule never carries a stale value.
  .transform((r) => ({
    ...r,
    scopeValue: r.scope === "global" ? null : r.scopeValue!,
    value: r.kind === "tiers" ? null : r.value!,
    costTiers: r.kind === "tiers" ? r.costTiers! : null,
  }));
export type MarkupRuleForm = z.input<typeof markupRuleSchema>;
export type MarkupRuleData = z.output<typeof markupRuleSchema>;

export const priceChangeDecisionSchema = z.object({ decision: z.enum(["approve", "reject"]) });

export const listPriceChangesQuerySchema = z.object({
  status: z.enum(["pending", "approved", "rejected", "superseded", "all"]).default("pending"),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});
