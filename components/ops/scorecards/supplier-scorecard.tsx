"use client";
import dynamic from "next/dynamic";
import { useState } from "react";
import type { SupplierScorecard as ScorecardDto } from "@/lib/scorecards/compute-scorecards";
import { Alert, Card, ScrollX, td, th } from "@/components/ui/ui";
import { TimeAgo } from "@/components/ui/date-time";
import { COMPONENT_LABELS, duration, ms, pct } from "./format";
import { useScorecard } from "./use-scorecard";
import { WindowSelect } from "./window-select";

// Charts measure the browser's layout: rendered in the browser only.
const LatencyChart = dynamic(() => import("./scorecard-charts").then((m) => m.LatencyChart), { ssr: false, loading: () => <ChartSlot /> });
const OrdersChart = dynamic(() => import("./scorecard-charts").then((m) => m.OrdersChart), { ssr: false, loading: () => <ChartSlot /> });

function ChartSlot() {
  return <div className="h-[220px] animate-pulse rounded bg-slate-50" aria-hidden />;
}

type Scorecard = ScorecardDto & { settings: { routingMode: string; window: string } };

/** The Scorecard section of /ops/suppliers/{id}: the figures of the chosen window, live. */
export function SupplierScorecard({ supplierId, initialWindow }: { supplierId: string; initialWindow: string }) {
  const [win, setWin] = useState(initialWindow);
  const { data: c, error, loading } = useScorecard<Scorecard>(`/api/ops/suppliers/${encodeURIComponent(supplierId)}/scorecard?window=${win}`);
  return (
    <Card title="Scorecard" actions={<WindowSelect value={win} onChange={setWin} testId="scorecard-window" />}>
      <div className="space-y-4 p-4" data-testid="supplier-scorecard" aria-busy={loading}>
        {error ? <Alert>{error}</Alert> : null}
        {!c ? (
          <p className="text-sm text-slate-500">Loading the scorecard…</p>
        ) : (
          <>
            <div className="flex flex-wrap items-baseline gap-x-6 gap-y-2">
              <div>
                <div className="text-[11px] font-semibold uppercase tracking-wide text-slate-500">Score</div>
                <div className="text-3xl font-semibold text-slate-900" data-testid="scorecard-score" data-neutral={c.score.neutral}>
                  {c.score.score.toFixed(1)}
                </div>
              </div>
              <div className="text-sm text-slate-600">
                Routing uses {c.score.cached.score === null ? "the neutral score" : c.score.cached.score.toFixed(1)} (over {c.settings.window}, computed{" "}
                <TimeAgo iso={c.score.cached.computedAt} />
                ). Routing mode: <span data-testid="scorecard-routing-mode">{c.settings.routingMode === "cost_score" ? "cost plus score" : "cost only"}</span>.
              </div>
            </div>
            {c.score.note ? (
              <Alert tone="info" testId="scorecard-note">
                {c.score.note}
              </Alert>
            ) : null}
            <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
              <Figure
                label="Fill rate"
                value={pct(c.orders.fillRate)}
                hint={`${c.orders.linesAccepted} of ${c.orders.linesSent} lines`}
                testId="scorecard-fill-rate"
              />
              <Figure
                label="Acceptance (median)"
                value={duration(c.orders.acceptance.p50Seconds)}
                hint={`p95 ${duration(c.orders.acceptance.p95Seconds)}`}
                testId="scorecard-acceptance"
              />
              <Figure
                label="Time to ship (median)"
                value={duration(c.orders.timeToShip.p50Seconds)}
                hint={`p95 ${duration(c.orders.timeToShip.p95Seconds)}`}
                testId="scorecard-ship"
              />
              <Figure label="Orders sent" value={String(c.orders.sent)} hint={`${c.orders.accepted} accepted`} testId="scorecard-orders" />
              <Figure label="Rejection rate" value={pct(c.orders.rejectionRate)} hint={`${c.orders.rejected} rejected`} testId="scorecard-rejection-rate" />
              <Figure
                label="Cancellation rate"
                value={pct(c.orders.cancellationRate)}
                hint={`${c.orders.canceled} by the supplier`}
                testId="scorecard-cancellation-rate"
              />
              <Figure label="Reroutes" value={String(c.orders.reroutes)} hint="lines moved away" testId="scorecard-reroutes" />
              <Figure
                label="Breaker openings"
                value={String(c.breakerOpenings)}
                hint={`call errors ${pct(c.calls.all.errorRate)}`}
                testId="scorecard-breaker-openings"
              />
            </dl>
            <div className="grid gap-4 lg:grid-cols-2">
              <figure className="min-w-0">
                <figcaption className="mb-1 text-xs font-medium text-slate-600">Call latency p95 and error rate</figcaption>
                <LatencyChart series={c.series} bucketSeconds={c.window.bucketSeconds} />
              </figure>
              <figure className="min-w-0">
                <figcaption className="mb-1 text-xs font-medium text-slate-600">Orders and rejections</figcaption>
                <OrdersChart series={c.series} bucketSeconds={c.window.bucketSeconds} />
              </figure>
            </div>
            <ScrollX>
              <table className="w-full text-left text-sm" data-testid="scorecard-operations">
                <caption className="sr-only">Calls per operation</caption>
                <thead>
                  <tr>
                    <th className={th}>Operation</th>
                    <th className={`${th} text-right`}>Calls</th>
                    <th className={`${th} text-right`}>Errors</th>
                    <th className={`${th} text-right`}>Error rate</th>
                    <th className={`${th} text-right`}>p50</th>
                    <th className={`${th} text-right`}>p95</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {[...c.calls.byOperation, c.calls.all].map((o) => (
                    <tr key={o.operation} data-operation={o.operation} className={o.operation === "all" ? "font-medium" : ""}>
                      <td className={`${td} font-mono text-xs`}>{o.operation === "all" ? "All operations" : o.operation}</td>
                      <td className={`${td} text-right tabular-nums`}>{o.calls}</td>
                      <td className={`${td} text-right tabular-nums`}>{o.errors}</td>
                      <td className={`${td} text-right tabular-nums`}>{pct(o.errorRate)}</td>
                      <td className={`${td} text-right tabular-nums`}>{ms(o.p50Ms)}</td>
                      <td className={`${td} text-right tabular-nums`}>{ms(o.p95Ms)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollX>
            <ScrollX>
              <table className="w-full text-left text-sm" data-testid="scorecard-components">
                <caption className="sr-only">How the score is made</caption>
                <thead>
                  <tr>
                    <th className={th}>Component</th>
                    <th className={`${th} text-right`}>Weight</th>
                    <th className={`${th} text-right`}>Value (0–1)</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {Object.entries(c.score.components).map(([k, v]) => (
                    <tr key={k} data-component={k}>
                      <td className={td}>{COMPONENT_LABELS[k] ?? k}</td>
                      <td className={`${td} text-right tabular-nums`}>{v.weight}</td>
                      <td className={`${td} text-right tabular-nums`}>{v.value === null ? "no data" : v.value.toFixed(2)}</td>
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

function Figure({ label, value, hint, testId }: { label: string; value: string; hint: string; testId: string }) {
  return (
    <div className="rounded-md border border-slate-200 px-3 py-2">
      <dt className="text-[11px] font-semibold uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="text-lg font-semibold tabular-nums text-slate-900" data-testid={testId}>
        {value}
      </dd>
      <dd className="text-xs text-slate-500">{hint}</dd>
    </div>
  );
}
