"use client";
import { useState } from "react";
import { apiFetch, redirectToLogin } from "@/lib/web/api-client";
import { describeReprice } from "@/lib/pricing/describe-reprice";
import type { RepriceResult } from "@/lib/pricing/types";
import type { MarkupRuleView } from "@/lib/web/ops-catalog-types";
import { MarkupRuleForm } from "./markup-rule-form";
import { PagedTable, type Column } from "@/components/ui/paged-table";
import { Alert, Card, EmptyState, btn } from "@/components/ui/ui";
import { useNotice } from "@/components/hooks/use-notice";
import { formatMoney } from "@/lib/web/format";

function describe(r: MarkupRuleView): string {
  if (r.kind === "percent") return `cost + ${r.value} %`;
  if (r.kind === "fixed") return `cost + ${formatMoney(r.value == null ? null : String(r.value))}`;
  return (r.costTiers ?? [])
    .map(
      (t) =>
        `${t.upTo ? `≤ ${formatMoney(t.upTo)}` : "above"}: ${[t.percent != null ? `+${t.percent} %` : null, t.fixed != null ? `+${formatMoney(String(t.fixed))}` : null].filter(Boolean).join(" ")}`,
    )
    .join("; ");
}

/** The rules in precedence order, with add / edit / delete; every save reprices the catalog. */
export function MarkupRules({ initial }: { initial: MarkupRuleView[] }) {
  const [rules, setRules] = useState(initial);
  const [editing, setEditing] = useState<string | "new" | null>(null);
  const { notice, notify } = useNotice();

  async function reload(message: string) {
    setEditing(null);
    notify("success", message);
    const res = await apiFetch<{ data: MarkupRuleView[] }>("/api/ops/pricing/rules");
    if (res.ok) setRules(res.data.data);
  }

  async function remove(r: MarkupRuleView) {
    if (!window.confirm(`Delete “${r.name}”? Products it priced fall to the next matching rule.`)) return;
    const res = await apiFetch<{ repriced: RepriceResult }>(`/api/ops/pricing/rules/${encodeURIComponent(r.id)}`, { method: "DELETE" });
    if (res.status === 401) return redirectToLogin();
    if (!res.ok) return notify("error", res.error.message);
    await reload(`Deleted “${r.name}”: ${describeReprice(res.data.repriced)}.`);
  }

  const columns: Column<MarkupRuleView>[] = [
    { id: "name", header: "Name", className: "font-medium text-slate-800", cell: (r) => r.name },
    { id: "scope", header: "Applies to", cell: (r) => (r.scope === "global" ? "Everything" : `${r.scope}: ${r.scopeValue}`) },
    { id: "markup", header: "Markup", cell: describe },
    { id: "rounding", header: "Ending", className: "font-mono text-[13px]", cell: (r) => r.rounding },
    { id: "priority", header: "Priority", className: "tabular-nums", cell: (r) => r.priority },
    { id: "active", header: "Status", cell: (r) => (r.active ? "Active" : <span className="text-slate-500">Off</span>) },
    {
      id: "actions",
      header: "",
      className: "text-right whitespace-nowrap",
      cell: (r) => (
        <>
          <button type="button" className={btn.ghost} onClick={() => setEditing(r.id)}>
            Edit
          </button>
          <button type="button" className={btn.ghost} onClick={() => void remove(r)}>
            Delete
          </button>
        </>
      ),
    },
  ];

  return (
    <Card
      title="Markup rules"
      actions={
        <button type="button" className={btn.secondary} onClick={() => setEditing("new")} data-testid="rule-new">
          New rule
        </button>
      }
    >
      <p className="px-4 pt-3 text-xs text-slate-500">
        The most specific matching rule wins: company tier, then brand, then category, then everything; within one, the lowest priority. With no rule at all a
        product is priced at cost + 12 %, up to the dollar. Endings always round up.
      </p>
      {notice ? (
        <div className="px-4 pt-3">
          <Alert tone={notice.tone}>{notice.message}</Alert>
        </div>
      ) : null}
      {editing === "new" ? <MarkupRuleForm rule={null} onSaved={reload} onCancel={() => setEditing(null)} /> : null}
      <PagedTable
        testId="rules-table"
        className="mt-2 text-sm"
        columns={columns}
        rows={rules}
        rowKey={(r) => r.id}
        rowAttributes={(r) => ({ "data-testid": "rule-row", "data-rule-name": r.name })}
        detail={(r) => (editing === r.id ? <MarkupRuleForm rule={r} onSaved={reload} onCancel={() => setEditing(null)} /> : null)}
        empty={<EmptyState title="No markup rules yet">Every product is priced at cost + 12 %, up to the dollar.</EmptyState>}
      />
    </Card>
  );
}
