"use client";
import { useEffect, useState } from "react";
import { apiFetch, redirectToLogin } from "@/lib/web/api-client";
import type { SupplierSlaDto } from "@/lib/ops/exceptions/supplier-sla";
import { Alert, btn, Card, inputClass } from "@/components/ui/ui";

/** How long a supplier order may stay in each status at a supplier before it is an exception. */
export function SupplierSlaForm({ suppliers }: { suppliers: { id: string; name: string }[] }) {
  const [supplierId, setSupplierId] = useState(suppliers[0]?.id ?? "");
  const [sla, setSla] = useState<SupplierSlaDto | null>(null);
  const [hours, setHours] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);

  useEffect(() => {
    if (!supplierId) return;
    let live = true;
    void apiFetch<SupplierSlaDto>(`/api/ops/suppliers/${encodeURIComponent(supplierId)}/sla`).then((res) => {
      if (!live) return;
      if (res.ok) {
        setSla(res.data);
        setHours(Object.fromEntries(res.data.slas.map((s) => [s.status, String(s.hours)])));
      } else if (res.status === 401) redirectToLogin();
      else setMessage({ tone: "error", text: res.error.message });
    });
    return () => {
      live = false;
    };
  }, [supplierId]);

  async function save() {
    setMessage(null);
    const res = await apiFetch<SupplierSlaDto>(`/api/ops/suppliers/${encodeURIComponent(supplierId)}/sla`, {
      method: "PUT",
      body: JSON.stringify({ slas: (sla?.slas ?? []).map((s) => ({ status: s.status, hours: hours[s.status]?.trim() ? Number(hours[s.status]) : null })) }),
    });
    if (res.ok) {
      setSla(res.data);
      setMessage({ tone: "success", text: "Saved: the next scan uses these." });
    } else if (res.status === 401) redirectToLogin();
    else setMessage({ tone: "error", text: res.error.fields ? Object.values(res.error.fields).join("; ") : res.error.message });
  }

  return (
    <Card title="Supplier SLAs">
      <div className="space-y-3 p-4">
        <label className="flex max-w-sm flex-col gap-1 text-[13px] font-medium text-slate-700">
          Supplier
          <select className={inputClass} value={supplierId} onChange={(e) => setSupplierId(e.target.value)} data-testid="sla-supplier">
            {suppliers.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <div className="grid grid-cols-2 gap-3 sm:grid-cols-5">
          {sla?.slas.map((s) => (
            <label key={s.status} className="flex flex-col gap-1 text-[13px] font-medium text-slate-700">
              {s.status[0]!.toUpperCase() + s.status.slice(1)} within (h)
              <input
                className={inputClass}
                inputMode="numeric"
                value={hours[s.status] ?? ""}
                onChange={(e) => setHours((h) => ({ ...h, [s.status]: e.target.value }))}
                data-testid={`sla-${s.status}`}
              />
              <span className="text-xs font-normal text-slate-600">{s.isDefault ? "default" : "set for this supplier"}</span>
            </label>
          ))}
        </div>
        {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
        <button type="button" className={btn.primary} onClick={() => void save()} disabled={!sla} data-testid="sla-save">
          Save SLAs
        </button>
      </div>
    </Card>
  );
}
