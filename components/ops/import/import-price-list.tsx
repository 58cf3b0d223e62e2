"use client";
import { useState, type ChangeEvent, type FormEvent } from "react";
import { apiFetch, redirectToLogin } from "@/lib/web/api-client";
import { MAX_PRICE_LIST_BYTES } from "@/lib/catalog/import-schemas";
import { PRICE_LIST_COLUMNS } from "@/lib/catalog/price-list-csv";
import type { PriceListErrorView, PriceListReport } from "@/lib/web/ops-catalog-types";
import { Alert, Card, btn, inputClass, td, th, ScrollX } from "@/components/ui/ui";

type SupplierOption = { id: string; name: string; slug: string; active: boolean };

/**
 * A supplier's CSV price list (accounts without API access): choose a file or
 * paste it, and the report says what changed; a rejected file changed nothing
 * and lists its bad lines. A chosen file is loaded into the text box, so a bad
 * line can be fixed here and sent again.
 */
export function ImportPriceList({ suppliers }: { suppliers: SupplierOption[] }) {
  const [supplierId, setSupplierId] = useState(suppliers[0]?.id ?? "");
  const [csv, setCsv] = useState("");
  const [report, setReport] = useState<PriceListReport | null>(null);
  const [errors, setErrors] = useState<PriceListErrorView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onFile(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    if (!file) return;
    setError(null);
    if (file.size > MAX_PRICE_LIST_BYTES) return setError(`${file.name} is larger than 5 MiB: split it.`);
    setCsv(await file.text());
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setPending(true);
    setError(null);
    setErrors(null);
    setReport(null);
    const res = await apiFetch<PriceListReport>(`/api/ops/suppliers/${encodeURIComponent(supplierId)}/price-list`, {
      method: "POST",
      headers: { "Content-Type": "text/csv; charset=utf-8" },
      body: csv,
    });
    setPending(false);
    if (res.status === 401) return redirectToLogin();
    if (res.ok) return setReport(res.data);
    const lines = res.error.errors as PriceListErrorView[] | undefined;
    if (res.status === 422 && Array.isArray(lines)) return setErrors(lines);
    setError(res.error.message);
  }

  if (suppliers.length === 0) return <Alert tone="info">No supplier is set up. Add one under Suppliers first.</Alert>;
  return (
    <div className="space-y-4">
      <Card title="Price list (CSV)">
        <form onSubmit={onSubmit} className="space-y-3 p-4" data-testid="price-list-form">
          <p className="text-[13px] text-slate-600">
            For accounts without API access (WesellCellular): every row is checked, and a file with a bad row changes nothing.
          </p>
          <div className="grid gap-3 sm:grid-cols-2">
            <div>
              <label htmlFor="price-list-supplier" className="mb-1 block text-[13px] font-medium text-slate-700">
                Supplier
              </label>
              <select
                id="price-list-supplier"
                className={inputClass}
                value={supplierId}
                onChange={(e) => setSupplierId(e.target.value)}
                data-testid="price-list-supplier"
              >
                {suppliers.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name} ({s.slug}){s.active ? "" : " · inactive"}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor="price-list-file" className="mb-1 block text-[13px] font-medium text-slate-700">
                CSV file
              </label>
              <input
                id="price-list-file"
                type="file"
                accept=".csv,text/csv"
                className={inputClass}
                onChange={(e) => void onFile(e)}
                data-testid="price-list-file"
              />
            </div>
          </div>
          <label htmlFor="price-list-csv" className="block text-[13px] font-medium text-slate-700">
            Or paste it: a header row with {PRICE_LIST_COLUMNS.join(", ")}, then one row per SKU
          </label>
          <textarea
            id="price-list-csv"
            rows={8}
            className={`${inputClass} font-mono`}
            placeholder={`${PRICE_LIST_COLUMNS.join(",")}\nApple,iPhone 13,128GB,Midnight,A,319.00,60,IPHONE13-128GB-A`}
            value={csv}
            onChange={(e) => setCsv(e.target.value)}
            spellCheck={false}
            data-testid="price-list-csv"
          />
          {error ? <Alert>{error}</Alert> : null}
          <button type="submit" className={btn.primary} disabled={pending || !supplierId || csv.trim() === ""} data-testid="price-list-submit">
            {pending ? "Importing…" : "Import price list"}
          </button>
        </form>
      </Card>
      {report ? (
        <Alert tone="success" testId="price-list-report">
          Imported: {report.added} added, {report.updated} updated, {report.unchanged} unchanged, {report.stale} stale (we hold newer data)
          {report.newProducts ? `, ${report.newProducts} new products` : ""}.
        </Alert>
      ) : null}
      {errors ? <PriceListErrors errors={errors} /> : null}
    </div>
  );
}

function PriceListErrors({ errors }: { errors: PriceListErrorView[] }) {
  return (
    <Card title={`Rejected, nothing changed: ${errors.length} problem${errors.length === 1 ? "" : "s"} to fix`}>
      <ScrollX>
        <table className="w-full text-sm" data-testid="price-list-errors">
          <thead className="bg-slate-50/80 text-left">
            <tr>
              <th className={`${th} text-right`}>Line</th>
              <th className={th}>Column</th>
              <th className={th}>Problem</th>
            </tr>
          </thead>
          <tbody>
            {errors.map((e, i) => (
              <tr key={i} className="border-t border-slate-100" data-testid="price-list-error" data-line={e.line}>
                <td className={`${td} text-right font-mono tabular-nums`}>{e.line}</td>
                <td className={`${td} text-slate-600`}>{e.column ?? ""}</td>
                <td className={`${td} text-red-700`}>{e.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollX>
    </Card>
  );
}
