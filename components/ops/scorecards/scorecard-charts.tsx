"use client";
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import type { SeriesPoint } from "@/lib/scorecards/compute-scorecards";

/**
 * A supplier's figures over its window (recharts; loaded without SSR: it measures the browser's
 * layout). Colours pass contrast on white; each chart has a title and description for screen
 * readers, and the same figures are in the tables beside them.
 */
const tick = (bucketSeconds: number) => (iso: string) => {
  const d = new Date(iso);
  return bucketSeconds < 86_400
    ? d.toLocaleString(undefined, { month: "short", day: "numeric", hour: "2-digit" })
    : d.toLocaleDateString(undefined, { month: "short", day: "numeric" });
};

export function LatencyChart({ series, bucketSeconds }: { series: SeriesPoint[]; bucketSeconds: number }) {
  const data = series.map((p) => ({ at: p.at, p95: p.latencyP95Ms, errors: p.errorRate === null ? null : Math.round(p.errorRate * 1000) / 10 }));
  return (
    <LineChart
      data={data}
      responsive
      style={{ width: "100%", height: 220 }}
      accessibilityLayer
      title="Call latency p95 and error rate"
      desc="Per bucket of the window: the 95th percentile of call durations in milliseconds and the share of calls that failed"
      margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
    >
      <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" />
      <XAxis dataKey="at" tickFormatter={tick(bucketSeconds)} tick={{ fontSize: 11, fill: "#475569" }} minTickGap={24} />
      <YAxis yAxisId="ms" tick={{ fontSize: 11, fill: "#475569" }} width={48} unit=" ms" />
      <YAxis yAxisId="pct" orientation="right" tick={{ fontSize: 11, fill: "#475569" }} width={40} unit=" %" domain={[0, 100]} />
      <Tooltip labelFormatter={(l) => new Date(String(l)).toLocaleString()} />
      <Legend wrapperStyle={{ fontSize: 12 }} />
      <Line
        yAxisId="ms"
        type="monotone"
        dataKey="p95"
        name="Latency p95 (ms)"
        stroke="#1d4ed8"
        strokeWidth={2}
        dot={false}
        connectNulls
        isAnimationActive={false}
      />
      <Line
        yAxisId="pct"
        type="monotone"
        dataKey="errors"
        name="Error rate (%)"
        stroke="#b91c1c"
        strokeWidth={2}
        dot={false}
        connectNulls
        isAnimationActive={false}
      />
    </LineChart>
  );
}

export function OrdersChart({ series, bucketSeconds }: { series: SeriesPoint[]; bucketSeconds: number }) {
  return (
    <BarChart
      data={series}
      responsive
      style={{ width: "100%", height: 220 }}
      accessibilityLayer
      title="Supplier orders and rejections"
      desc="Per bucket of the window: supplier orders sent and how many were rejected"
      margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
    >
      <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" />
      <XAxis dataKey="at" tickFormatter={tick(bucketSeconds)} tick={{ fontSize: 11, fill: "#475569" }} minTickGap={24} />
      <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: "#475569" }} width={36} />
      <Tooltip labelFormatter={(l) => new Date(String(l)).toLocaleString()} />
      <Legend wrapperStyle={{ fontSize: 12 }} />
      <Bar dataKey="orders" name="Orders" fill="#334155" isAnimationActive={false} />
      <Bar dataKey="rejections" name="Rejections" fill="#b91c1c" isAnimationActive={false} />
    </BarChart>
  );
}

/** The comparison page's chart: each supplier's score, with the neutral ones marked. */
export function ScoreChart({ rows }: { rows: { name: string; score: number; neutral: boolean }[] }) {
  return (
    <BarChart
      data={rows}
      layout="vertical"
      responsive
      style={{ width: "100%", height: Math.max(120, rows.length * 44 + 40) }}
      accessibilityLayer
      title="Supplier scores"
      desc="Each supplier's weighted score from 0 to 100 over the window"
      margin={{ top: 8, right: 16, bottom: 0, left: 8 }}
    >
      <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" horizontal={false} />
      <XAxis type="number" domain={[0, 100]} tick={{ fontSize: 11, fill: "#475569" }} />
      <YAxis type="category" dataKey="name" width={120} tick={{ fontSize: 11, fill: "#334155" }} />
      <Tooltip />
      <Bar dataKey="score" name="Score" fill="#1d4ed8" isAnimationActive={false} />
    </BarChart>
  );
}
