import { SCORE_COMPONENTS, type ScoreComponent, type ScorecardSettings } from "../settings/scorecard-schema";

/**
 * The supplier score (0–100), pure. Each component is normalised to 0–1 (1 = best):
 * - fillRate: lines accepted ÷ lines sent, as is;
 * - acceptanceTime, shipTime: full marks at or under the target median, then target ÷ median
 *   (twice the target scores 0.5, four times 0.25);
 * - rejections, cancellations, errors: 1 − the rate;
 * - latency: full marks at or under the target p95, then target ÷ p95.
 * score = 100 × Σ(weight × component) ÷ Σ(weight), over the components that have data (a supplier
 * that never shipped in the window is scored on the rest). A supplier with fewer than `minOrders`
 * supplier orders in the window gets the neutral score, and says so.
 */
export type ScoreInputs = {
  /** Supplier orders sent in the window. */
  orders: number;
  fillRate: number | null;
  acceptanceP50Seconds: number | null;
  shipP50Seconds: number | null;
  rejectionRate: number | null;
  cancellationRate: number | null;
  errorRate: number | null;
  latencyP95Ms: number | null;
};

export type ScoreComponentView = { weight: number; value: number | null };
export type ScoreResult = {
  score: number;
  /** True when the score is the neutral one (too little history, or nothing to weigh). */
  neutral: boolean;
  note: string | null;
  components: Record<ScoreComponent, ScoreComponentView>;
};

const ratio = (target: number, actual: number | null) => (actual === null ? null : actual <= target ? 1 : target / actual);
const oneMinus = (rate: number | null) => (rate === null ? null : clamp01(1 - rate));
const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

export function normalisedComponents(i: ScoreInputs, s: Pick<ScorecardSettings, "targets">): Record<ScoreComponent, number | null> {
  return {
    fillRate: i.fillRate === null ? null : clamp01(i.fillRate),
    acceptanceTime: ratio(s.targets.acceptanceMinutes * 60, i.acceptanceP50Seconds),
    shipTime: ratio(s.targets.shipHours * 3600, i.shipP50Seconds),
    rejections: oneMinus(i.rejectionRate),
    cancellations: oneMinus(i.cancellationRate),
    errors: oneMinus(i.errorRate),
    latency: ratio(s.targets.latencyMs, i.latencyP95Ms),
  };
}

export function computeScore(i: ScoreInputs, s: Pick<ScorecardSettings, "targets" | "weights" | "minOrders" | "neutralScore">): ScoreResult {
  const values = normalisedComponents(i, s);
  const components = Object.fromEntries(SCORE_COMPONENTS.map((c) => [c, { weight: s.weights[c], value: values[c] }])) as ScoreResult["components"];
  if (i.orders < s.minOrders) {
    return {
      score: s.neutralScore,
      neutral: true,
      note: `Too little history: ${i.orders} supplier order${i.orders === 1 ? "" : "s"} in the window (${s.minOrders} needed), so the neutral score`,
      components,
    };
  }
  let sum = 0;
  let weights = 0;
  for (const c of SCORE_COMPONENTS) {
    const v = values[c];
    if (v === null || s.weights[c] <= 0) continue;
    sum += s.weights[c] * v;
    weights += s.weights[c];
  }
  if (weights === 0) return { score: s.neutralScore, neutral: true, note: "Nothing to weigh in the window, so the neutral score", components };
  return { score: Math.round((1000 * sum) / weights) / 10, neutral: false, note: null, components };
}
