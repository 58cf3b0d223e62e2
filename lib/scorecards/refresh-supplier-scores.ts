import "server-only";
import { db } from "../db/client";
import { computeScorecards } from "./compute-scorecards";
import { getScorecardSettings } from "./scorecard-settings";
import { resolveWindow } from "./window";

/**
 * Recompute every supplier's score over the settings' window and cache it on the supplier
 * (Supplier.score, scoreComputedAt), where order intake reads it with the offers in its one read.
 * Too little history caches null: routing then uses the neutral score of the moment.
 * Run by the scorecard job scheduler (every SCORE_REFRESH_EVERY_MS, lib/ops/recover-work.ts; fleet-wide: one job per tick, whichever worker takes it)
 * and after ops change the settings.
 */
export async function refreshSupplierScores(now = new Date()): Promise<{ suppliers: number; scores: Record<string, number | null> }> {
  const settings = await getScorecardSettings();
  const cards = await computeScorecards(resolveWindow({ window: settings.window }, settings.window, now), settings);
  if (cards.length === 0) return { suppliers: 0, scores: {} };
  const ids = cards.map((c) => c.supplier.id);
  const scores = cards.map((c) => (c.score.neutral ? null : c.score.score));
  await db.$executeRaw`
    UPDATE "Supplier" s SET "score" = v."score", "scoreComputedAt" = ${now}
      FROM unnest(${ids}::text[], ${scores}::float8[]) AS v("id", "score")
     WHERE s."id" = v."id"`;
  return { suppliers: cards.length, scores: Object.fromEntries(cards.map((c, i) => [c.supplier.slug, scores[i]!])) };
}
