"use client";
import { inputClass } from "@/components/ui/ui";
import { WINDOWS } from "./format";

export function WindowSelect({ value, onChange, testId }: { value: string; onChange: (v: string) => void; testId: string }) {
  return (
    <label className="flex items-center gap-2 text-sm text-slate-700">
      <span>Window</span>
      <select className={`${inputClass} w-auto`} value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
        {WINDOWS.map((w) => (
          <option key={w.value} value={w.value}>
            {w.label}
          </option>
        ))}
      </select>
    </label>
  );
}
