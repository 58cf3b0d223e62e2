import type { CSSProperties } from "react";
import { formatMoney } from "./format";
import type { OrderLine } from "./schemas";
import { colors, s } from "./theme";

export type Totals = { subtotal: string; shipping?: string | null; total: string; currency: string };

const th: CSSProperties = {
  padding: "8px 6px",
  fontSize: "12px",
  fontWeight: 600,
  textTransform: "uppercase",
  color: colors.muted,
  borderBottom: `2px solid ${colors.border}`,
};
const td: CSSProperties = { padding: "10px 6px", fontSize: "14px", color: colors.text, borderBottom: `1px solid ${colors.border}`, verticalAlign: "top" };
const num: CSSProperties = { textAlign: "right", whiteSpace: "nowrap" };

/** The order's lines with quantity, unit price and line total, then the totals. */
export function OrderLinesTable({ lines, totals }: { lines: OrderLine[]; totals?: Totals }) {
  const currency = totals?.currency ?? "USD";
  return (
    <table role="presentation" width="100%" cellPadding={0} cellSpacing={0} style={{ margin: "0 0 20px", borderCollapse: "collapse" }}>
      <thead>
        <tr>
          <th align="left" style={{ ...th, textAlign: "left" }}>
            Item
          </th>
          <th align="right" style={{ ...th, ...num }}>
            Qty
          </th>
          <th align="right" style={{ ...th, ...num }}>
            Unit
          </th>
          <th align="right" style={{ ...th, ...num }}>
            Total
          </th>
        </tr>
      </thead>
      <tbody>
        {lines.map((l) => (
          <tr key={l.sku}>
            <td style={td}>
              {l.name}
              <br />
              <span style={{ ...s.mono, color: colors.muted, fontSize: "12px" }}>{l.sku}</span>
            </td>
            <td align="right" style={{ ...td, ...num }}>
              {l.quantity}
            </td>
            <td align="right" style={{ ...td, ...num }}>
              {formatMoney(l.unitPrice, currency)}
            </td>
            <td align="right" style={{ ...td, ...num }}>
              {formatMoney(l.lineTotal, currency)}
            </td>
          </tr>
        ))}
        {totals ? <TotalRow label="Subtotal" amount={formatMoney(totals.subtotal, currency)} /> : null}
        {totals?.shipping ? <TotalRow label="Shipping" amount={formatMoney(totals.shipping, currency)} /> : null}
        {totals ? <TotalRow label="Total" amount={formatMoney(totals.total, currency)} strong /> : null}
      </tbody>
    </table>
  );
}

function TotalRow({ label, amount, strong }: { label: string; amount: string; strong?: boolean }) {
  const style: CSSProperties = { padding: "8px 6px 0", fontSize: strong ? "16px" : "14px", fontWeight: strong ? 700 : 400, color: colors.text };
  return (
    <tr>
      <td colSpan={3} align="right" style={{ ...style, textAlign: "right" }}>
        {label}
      </td>
      <td align="right" style={{ ...style, ...num }}>
        {amount}
      </td>
    </tr>
  );
}
