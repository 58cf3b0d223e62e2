import "server-only";
import { findSupplierRow } from "../suppliers/find-supplier";
import type { ScorecardSettings } from "../settings/scorecard-schema";
import { computeScorecards, type SupplierScorecard } from "./compute-scorecards";
import { getScorecardSettings } from "./scorecard-settings";
import { resolveWindow } from "./window";

export type ScorecardSettingsSummary = Pick<ScorecardSettings, "routingMode" | "scoreWeight" | "neutralScore" | "minOrders" | "window">;

/** The routes' query: window=24h|7d|30d, or from[&to] (ISO 8601); default the settings' window; anything else is 422. */
const query = (params: URLSearchParams) => Object.fromEntries(params);

/** GET /api/ops/suppliers/{id}/scorecard: one supplier (id or slug). */
export async function getSupplierScorecard(idOrSlug: string, params: URLSearchParams): Promise<SupplierScorecard & { settings: ScorecardSettingsSummary }> {
  const settings = await getScorecardSettings();
  const win = resolveWindow(query(params), settings.window);
  const row = await findSupplierRow(idOrSlug);
  const [card] = await computeScorecards(win, settings, [row.id]);
  return { ...card!, settings: summary(settings) };
}

/** GET /api/ops/scorecards: every supplier, for comparison (best score first). */
export async function listScorecards(
  params: URLSearchParams,
): Promise<{ window: SupplierScorecard["window"]; settings: ScorecardSettingsSummary; data: SupplierScorecard[] }> {
  const settings = await getScorecardSettings();
  const win = resolveWindow(query(params), settings.window);
  const data = (await computeScorecards(win, settings)).sort((a, b) => b.score.score - a.score.score || a.supplier.name.localeCompare(b.supplier.name));
  return {
    window: { from: win.from.toISOString(), to: win.to.toISOString(), label: win.label, bucketSeconds: win.bucketSeconds },
    settings: summary(settings),
    data,
  };
}

function summary(s: ScorecardSettings): ScorecardSettingsSummary {
  return { routingMode: s.routingMode, scoreWeight: s.scoreWeight, neutralScore: s.neutralScore, minOrders: s.minOrders, window: s.window };
}
