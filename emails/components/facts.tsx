import type { ReactNode } from "react";
import { colors } from "./theme";

export type Fact = [label: string, value: ReactNode];

/** A two-column label/value table (carrier, tracking number, SKU, …). Falsy values are left out. */
export function Facts({ rows }: { rows: (Fact | false | null | undefined)[] }) {
  const shown = rows.filter((r): r is Fact => !!r && r[1] != null && r[1] !== "");
  return (
    <table role="presentation" width="100%" cellPadding={0} cellSpacing={0} style={{ margin: "0 0 16px", borderCollapse: "collapse" }}>
      <tbody>
        {shown.map(([label, value]) => (
          <tr key={label}>
            <td
              style={{
                padding: "6px 12px 6px 0",
                width: "150px",
                verticalAlign: "top",
                fontSize: "13px",
                color: colors.muted,
                borderBottom: `1px solid ${colors.border}`,
              }}
            >
              {label}
            </td>
            <td style={{ padding: "6px 0", fontSize: "14px", color: colors.text, borderBottom: `1px solid ${colors.border}` }}>{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
