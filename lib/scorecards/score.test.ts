import { describe, expect, it } from "vitest";
import { DEFAULT_SCORECARD_SETTINGS, mergeScorecardSettings, parseScorecardSettings } from "../settings/scorecard-schema";
import { computeScore, normalisedComponents, type ScoreInputs } from "./score";

const s = DEFAULT_SCORECARD_SETTINGS;
const perfect: ScoreInputs = {
  orders: 10,
  fillRate: 1,
  acceptanceP50Seconds: 600,
  shipP50Seconds: 3600,
  rejectionRate: 0,
  cancellationRate: 0,
  errorRate: 0,
  latencyP95Ms: 300,
};

describe("computeScore", () => {
  it("gives 100 to a supplier at or under every target", () => {
    expect(computeScore(perfect, s)).toMatchObject({ score: 100, neutral: false, note: null });
  });
  it("weighs each normalised component", () => {
    const inputs: ScoreInputs = {
      orders: 10,
      fillRate: 0.8, // 0.8
      acceptanceP50Seconds: 480 * 60, // twice the 240 min target: 0.5
      shipP50Seconds: 24 * 3600, // under 48 h: 1
      rejectionRate: 0.2, // 0.8
      cancellationRate: 0.1, // 0.9
      errorRate: 0.25, // 0.75
      latencyP95Ms: 4000, // twice 2000 ms: 0.5
    };
    expect(normalisedComponents(inputs, s)).toEqual({
      fillRate: 0.8,
      acceptanceTime: 0.5,
      shipTime: 1,
      rejections: 0.8,
      cancellations: 0.9,
      errors: 0.75,
      latency: 0.5,
    });
    // (30×0.8 + 10×0.5 + 20×1 + 10×0.8 + 15×0.9 + 10×0.75 + 5×0.5) / 100 = 0.805
    expect(computeScore(inputs, s).score).toBe(80.5);
    // Weights are ops': fill rate alone.
    const fillOnly = mergeScorecardSettings(s, { weights: { acceptanceTime: 0, shipTime: 0, rejections: 0, cancellations: 0, errors: 0, latency: 0 } });
    expect(computeScore(inputs, fillOnly).score).toBe(80);
  });
  it("scores on the components that have data", () => {
    // Never shipped, no calls: fill rate 1 (30), acceptance 1 (10), rejections 1 (10), cancellations 0.5 (15).
    const r = computeScore({ ...perfect, shipP50Seconds: null, errorRate: null, latencyP95Ms: null, cancellationRate: 0.5 }, s);
    expect(r.score).toBe(Math.round((1000 * (30 + 10 + 10 + 7.5)) / 65) / 10);
    expect(r.components.shipTime).toEqual({ weight: 20, value: null });
  });
  it("gives the neutral score to a supplier with too little history, and says so", () => {
    const r = computeScore({ ...perfect, orders: 4, fillRate: 0 }, s);
    expect(r).toMatchObject({ score: 50, neutral: true });
    expect(r.note).toBe("Too little history: 4 supplier orders in the window (5 needed), so the neutral score");
    expect(computeScore({ ...perfect, orders: 1 }, { ...s, neutralScore: 70 }).score).toBe(70);
  });
});

describe("scorecard settings", () => {
  it("falls back to the defaults field by field and refuses all-zero weights", () => {
    expect(parseScorecardSettings(null)).toEqual(s);
    expect(parseScorecardSettings({ routingMode: "cost_score", scoreWeight: "x", weights: { fillRate: 50, latency: -1 } })).toEqual({
      ...s,
      routingMode: "cost_score",
      weights: { ...s.weights, fillRate: 50 },
    });
    const zero = Object.fromEntries(Object.keys(s.weights).map((k) => [k, 0]));
    expect(() => mergeScorecardSettings(s, { weights: zero })).toThrow(/At least one weight/);
    expect(mergeScorecardSettings(s, { routingMode: "cost_score", targets: { shipHours: 24 } })).toEqual({
      ...s,
      routingMode: "cost_score",
      targets: { ...s.targets, shipHours: 24 },
    });
  });
});
