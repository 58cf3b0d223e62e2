"use client";
import { useState } from "react";
import { apiFetch, redirectToLogin } from "@/lib/web/api-client";
import type { MarkupRuleView } from "@/lib/web/ops-catalog-types";
import { MarkupRuleForm } from "./markup-rule-form";
import { Alert, Card, EmptyState, btn, td, th } from "@/components/ui/ui";
import { useNotice } from "@/components/hooks/use-notice";

function describe(r: MarkupRuleView): string {
  if (r.kind === "percent") return `cost + ${r.value} %`;
  if (r.kind === "fixed") return `cost + $${Number(r.value).toFixed(2)}`;
  return (r.costTiers ?? [])
    .map((t) => `${t.upTo ? `≤ ${t.upTo}` : "above"}: ${[t.percent != null ? `+${t.percent} %` : null, t.fixed != null ? `+$${t.fixed}` : null].filter(Boolean).join(" ")}`)
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
    const res = await apiFetch<{ repriced: { applied: number } }>(`/api/ops/pricing/rules/${encodeURIComponent(r.id)}`, { method: "DELETE" });
    if (res.status === 401) return redirectToLogin();
    if (!res.ok) return notify("error", res.error.message);
    await reload(`Deleted “${r.name}”; ${res.data.repriced.applied} base prices changed.`);
  }

  return (
    <Card
      title="Markup rules"
      actions={<button type="button" className={btn.secondary} onClick={() => setEditing("new")} data-testid="rule-new">New rule</button>}
    >
      <p className="px-4 pt-3 text-xs text-slate-500">
        The most specific matching rule wins: company tier, then brand, then category, then everything; within one, the lowest priority.
        With no rule at all a product is priced at cost + 12 %, up to the dollar. Endings always round up.
      </p>
      {notice ? <div className="px-4 pt-3"><Alert tone={notice.tone}>{notice.message}</Alert></div> : null}
      {editing === "new" ? <MarkupRuleForm rule={null} onSaved={reload} onCancel={() => setEditing(null)} /> : null}
      <div className="overflow-x-auto">
        <table className="mt-2 w-full text-sm" data-testid="rules-table">
          <thead className="bg-slate-50/80 text-left">
            <tr>
              <th className={th}>Name</th>
              <th className={th}>Applies to</th>
              <th className={th}>Markup</th>
              <th className={th}>Ending</th>
              <th className={th}>Priority</th>
              <th className={th}>Status</th>
              <th className={th} />
            </tr>
          </thead>
          <tbody>
            {rules.map((r) => (
              <RuleRow key={r.id} r={r} editing={editing === r.id} onEdit={() => setEditing(r.id)} onDelete={() => remove(r)} onSaved={reload} onCancel={() => setEditing(null)} />
            ))}
          </tbody>
        </table>
      </div>
      {rules.length === 0 ? <EmptyState title="No markup rules yet">Every product is priced at cost + 12 %, up to the dollar.</EmptyState> : null}
    </Card>
  );
}

function RuleRow(p: { r: MarkupRuleView; editing: boolean; onEdit: () => void; onDelete: () => void; onSaved: (m: string) => void; onCancel: () => void }) {
  const { r } = p;
  return (
    <>
      <tr className="border-t border-slate-100" data-testid="rule-row" data-rule-name={r.name}>
        <td className={`${td} font-medium text-slate-800`}>{r.name}</td>
        <td className={td}>{r.scope === "global" ? "Everything" : `${r.scope}: ${r.scopeValue}`}</td>
        <td className={td}>{describe(r)}</td>
        <td className={`${td} font-mono text-[13px]`}>{r.rounding}</td>
        <td className={`${td} tabular-nums`}>{r.priority}</td>
        <td className={td}>{r.active ? "Active" : <span className="text-slate-400">Off</span>}</td>
        <td className={`${td} text-right whitespace-nowrap`}>
          <button type="button" className={btn.ghost} onClick={p.onEdit}>Edit</button>
          <button type="button" className={btn.ghost} onClick={p.onDelete}>Delete</button>
        </td>
      </tr>
      {p.editing ? (
        <tr>
          <td colSpan={7} className="p-0">
            <MarkupRuleForm rule={r} onSaved={p.onSaved} onCancel={p.onCancel} />
          </td>
        </tr>
      ) : null}
    </>
  );
}
