"use client";
import { useState, type FormEvent } from "react";
import { apiFetch, redirectToLogin } from "@/lib/web/api-client";
import type { ImportReport } from "@/lib/web/ops-catalog-types";
import { Alert, Card, btn, inputClass, td, th, ScrollX } from "@/components/ui/ui";
import { formatMoney } from "@/lib/web/format";

/** Paste CJ product ids, SKUs or URLs; the report says what was added, updated, skipped or refused. */
export function ImportProducts({ suppliers }: { suppliers: { id: string; name: string }[] }) {
  const [text, setText] = useState("");
  const [supplierId, setSupplierId] = useState(suppliers[0]?.id ?? "");
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setPending(true);
    setError(null);
    const inputs = text.split("\n").filter((l) => l.trim());
    const res = await apiFetch<ImportReport>("/api/ops/products/import", {
      method: "POST",
      body: JSON.stringify({ supplierId: supplierId || null, inputs: inputs.length ? inputs : [""] }),
    });
    setPending(false);
    if (res.status === 401) return redirectToLogin();
    if (!res.ok) return setError(Object.values(res.error.fields ?? {})[0] ?? res.error.message);
    setReport(res.data);
  }

  if (suppliers.length === 0) return <Alert tone="info">No active CJ Dropshipping supplier is set up. Add one under Suppliers first.</Alert>;
  return (
    <div className="space-y-4">
      <Card title="CJ products to import">
        <form onSubmit={onSubmit} className="space-y-3 p-4" data-testid="import-form">
          {suppliers.length > 1 ? (
            <select aria-label="CJ account" value={supplierId} onChange={(e) => setSupplierId(e.target.value)} className={`${inputClass} w-auto`}>
              {suppliers.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          ) : null}
          <label htmlFor="import-inputs" className="block text-[13px] font-medium text-slate-700">
            One per line: a CJ product URL, product id or SKU (up to 100)
          </label>
          <textarea
            id="import-inputs"
            rows={8}
            className={`${inputClass} font-mono`}
            placeholder={"https://cjdropshipping.com/product/refurbished-iphone-13-p-1563722617063092224.html\n1563722617063092224\nIPHONE13-128GB-B"}
            value={text}
            onChange={(e) => setText(e.target.value)}
            data-testid="import-inputs"
          />
          {error ? <Alert>{error}</Alert> : null}
          <button type="submit" className={btn.primary} disabled={pending} data-testid="import-submit">
            {pending ? "Importing…" : "Import"}
          </button>
        </form>
      </Card>
      {report ? <ImportReportView report={report} /> : null}
    </div>
  );
}

function ImportReportView({ report }: { report: ImportReport }) {
  const rows = [
    ...report.added.map((v) => ({
      outcome: "Added",
      input: v.input,
      sku: v.sku,
      detail: `${v.name} · cost ${formatMoney(v.cost)} · price ${formatMoney(v.price)} · stock ${v.stock}${v.newProduct ? " · new product" : " · joined existing product"}`,
    })),
    ...report.updated.map((v) => ({ outcome: "Updated", input: v.input, sku: v.sku, detail: `cost ${formatMoney(v.cost)} · stock ${v.stock}` })),
    ...report.skipped.map((s) => ({ outcome: "Skipped", input: s.input, sku: s.sku ?? "", detail: s.reason })),
    ...report.refused.map((r) => ({ outcome: "Refused", input: r.input, sku: "", detail: r.reason })),
  ];
  const tone: Record<string, string> = { Added: "text-emerald-700", Updated: "text-sky-700", Skipped: "text-slate-500", Refused: "text-red-700" };
  return (
    <Card title={`Report: ${report.added.length} added, ${report.updated.length} updated, ${report.skipped.length} skipped, ${report.refused.length} refused`}>
      <ScrollX>
        <table className="w-full text-sm" data-testid="import-report">
          <thead className="bg-slate-50/80 text-left">
            <tr>
              <th className={th}>Outcome</th>
              <th className={th}>Input</th>
              <th className={th}>SKU</th>
              <th className={th}>Detail</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i} className="border-t border-slate-100" data-testid="import-row" data-outcome={r.outcome.toLowerCase()}>
                <td className={`${td} font-medium ${tone[r.outcome]}`}>{r.outcome}</td>
                <td className={`${td} max-w-xs truncate font-mono text-xs`} title={r.input}>
                  {r.input}
                </td>
                <td className={`${td} font-mono text-[13px]`}>{r.sku}</td>
                <td className={`${td} text-slate-600`}>{r.detail}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollX>
    </Card>
  );
}
