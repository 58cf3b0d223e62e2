"use client";
import { useState } from "react";
import { apiFetch, redirectToLogin } from "@/lib/web/api-client";
import type { SupplierView, TestConnectionResult } from "@/lib/suppliers/admin/types";
import { btn } from "@/components/ui/ui";

type Props = { supplier: SupplierView; canEdit: boolean; editing: boolean; onEdit: () => void; onChanged: () => void };

/** Test connection (result inline), reset circuit, edit: what ops do from a supplier's row. */
export function SupplierRowActions({ supplier: s, canEdit, editing, onEdit, onChanged }: Props) {
  const [testing, setTesting] = useState(false);
  const [result, setResult] = useState<TestConnectionResult | null>(null);
  const [resetting, setResetting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const base = `/api/ops/suppliers/${encodeURIComponent(s.id)}`;

  async function test() {
    setTesting(true);
    setResult(null);
    setError(null);
    const res = await apiFetch<TestConnectionResult>(`${base}/test`, { method: "POST" });
    setTesting(false);
    if (res.ok) setResult(res.data);
    else if (res.status === 401) return redirectToLogin();
    else setError(res.error.message);
    onChanged(); // the call is now the last call, and it may have moved the circuit
  }

  async function reset() {
    setResetting(true);
    const res = await apiFetch<SupplierView>(`${base}/reset-circuit`, { method: "POST" });
    setResetting(false);
    if (res.status === 401) return redirectToLogin();
    if (!res.ok) setError(res.error.message);
    onChanged();
  }

  return (
    <div className="flex flex-col items-end gap-1">
      <div className="flex flex-wrap justify-end gap-1.5">
        <button type="button" className={btn.secondary} disabled={testing} onClick={() => void test()} data-testid={`test-connection-${s.slug}`}>
          {testing ? "Testing…" : "Test connection"}
        </button>
        {s.circuit.state !== "closed" || s.circuit.failures > 0 ? (
          <button type="button" className={btn.danger} disabled={resetting} onClick={() => void reset()} data-testid={`reset-circuit-${s.slug}`}>
            {resetting ? "Resetting…" : "Reset circuit"}
          </button>
        ) : null}
        {canEdit ? (
          <button type="button" className={btn.secondary} aria-expanded={editing} onClick={onEdit} data-testid={`edit-supplier-${s.slug}`}>
            {editing ? "Close" : "Edit"}
          </button>
        ) : null}
      </div>
      {result ? (
        <p
          data-testid={`test-result-${s.slug}`}
          data-ok={result.ok}
          role="status"
          className={`max-w-xs text-right text-xs ${result.ok ? "text-emerald-700" : "text-red-700"}`}
        >
          {result.ok ? "OK" : "Failed"}: {result.detail} <span className="text-slate-500">({result.ms} ms)</span>
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="max-w-xs text-right text-xs text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
