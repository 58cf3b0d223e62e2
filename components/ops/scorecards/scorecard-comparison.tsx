"use client";
import dynamic from "next/dynamic";
import Link from "next/link";
import { useState } from "react";
import type { SupplierScorecard } from "@/lib/scorecards/compute-scorecards";
import { Alert, Card, EmptyState, ScrollX, td, th } from "@/components/ui/ui";
import { duration, ms, pct } from "./format";
import { useScorecard } from "./use-scorecard";
import { WindowSelect } from "./window-select";

const ScoreChart = dynamic(() => import("./scorecard-charts").then((m) => m.ScoreChart), {
  ssr: false,
  loading: () => <div className="h-[160px] animate-pulse rounded bg-slate-50" aria-hidden />,
});

type List = { window: SupplierScorecard["window"]; settings: { routingMode: string; window: string }; data: SupplierScorecard[] };

/** Every supplier side by side over a window (best score first), live. */
export function ScorecardComparison({ initialWindow }: { initialWindow: string }) {
  const [win, setWin] = useState(initialWindow);
  const { data, error, loading } = useScorecard<List>(`/api/ops/scorecards?window=${win}`);
  return (
    <Card title="Compare suppliers" actions={<WindowSelect value={win} onChange={setWin} testId="scorecards-window" />}>
      <div className="space-y-4 p-4" aria-busy={loading}>
        {error ? <Alert>{error}</Alert> : null}
        {!data ? (
          <p className="text-sm text-slate-500">Loading the scorecards…</p>
        ) : data.data.length === 0 ? (
          <EmptyState title="No suppliers yet" />
        ) : (
          <>
            <figure className="min-w-0">
              <figcaption className="mb-1 text-xs font-medium text-slate-600">Score (0–100) over the window</figcaption>
              <ScoreChart rows={data.data.map((c) => ({ name: c.supplier.name, score: c.score.score, neutral: c.score.neutral }))} />
            </figure>
            <ScrollX>
              <table className="w-full min-w-[56rem] text-left text-sm" data-testid="scorecards-table">
                <caption className="sr-only">Supplier scorecards over the window</caption>
                <thead>
                  <tr>
                    <th className={th}>Supplier</th>
                    <th className={`${th} text-right`}>Score</th>
                    <th className={`${th} text-right`}>Routing score</th>
                    <th className={`${th} text-right`}>Orders</th>
                    <th className={`${th} text-right`}>Fill rate</th>
                    <th className={`${th} text-right`}>Acceptance</th>
                    <th className={`${th} text-right`}>To ship</th>
                    <th className={`${th} text-right`}>Rejections</th>
                    <th className={`${th} text-right`}>Cancellations</th>
                    <th className={`${th} text-right`}>Reroutes</th>
                    <th className={`${th} text-right`}>Breaker</th>
                    <th className={`${th} text-right`}>Errors</th>
                    <th className={`${th} text-right`}>p95</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {data.data.map((c) => (
                    <tr key={c.supplier.id} data-supplier={c.supplier.slug}>
                      <td className={td}>
                        <Link href={`/ops/suppliers/${c.supplier.id}`} className="font-medium text-slate-900 underline underline-offset-2">
                          {c.supplier.name}
                        </Link>
                        {c.score.neutral ? <div className="text-xs text-slate-500">too little history: neutral</div> : null}
                      </td>
                      <td className={`${td} text-right font-semibold tabular-nums`} data-testid="scorecards-score">
                        {c.score.score.toFixed(1)}
                      </td>
                      <td className={`${td} text-right tabular-nums`}>{c.score.cached.score === null ? "neutral" : c.score.cached.score.toFixed(1)}</td>
                      <td className={`${td} text-right tabular-nums`}>{c.orders.sent}</td>
                      <td className={`${td} text-right tabular-nums`}>{pct(c.orders.fillRate)}</td>
                      <td className={`${td} text-right tabular-nums`}>{duration(c.orders.acceptance.p50Seconds)}</td>
                      <td className={`${td} text-right tabular-nums`}>{duration(c.orders.timeToShip.p50Seconds)}</td>
                      <td className={`${td} text-right tabular-nums`}>{pct(c.orders.rejectionRate)}</td>
                      <td className={`${td} text-right tabular-nums`}>{pct(c.orders.cancellationRate)}</td>
                      <td className={`${td} text-right tabular-nums`}>{c.orders.reroutes}</td>
                      <td className={`${td} text-right tabular-nums`}>{c.breakerOpenings}</td>
                      <td className={`${td} text-right tabular-nums`}>{pct(c.calls.all.errorRate)}</td>
                      <td className={`${td} text-right tabular-nums`}>{ms(c.calls.all.p95Ms)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollX>
          </>
        )}
      </div>
    </Card>
  );
}
