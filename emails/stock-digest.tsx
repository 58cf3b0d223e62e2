import { z } from "zod";
import { Button } from "./components/button";
import { subjectLine } from "./components/format";
import { EmailLayout } from "./components/layout";
import { withPreview, type NoProps } from "./components/preview";
import { appUrl, label } from "./components/schemas";
import { textEmail } from "./components/text";
import { colors, s } from "./components/theme";

// To a staff user who chose stock alerts as one daily digest: every low- and out-of-stock
// crossing since the last digest, in one email.
const alert = z.object({
  kind: z.enum(["low_stock", "out_of_stock"]),
  sku: label,
  productName: label,
  supplierName: label,
  quantity: z.number().int().nonnegative(),
  at: z.iso.datetime(),
});
export const schema = z.object({
  appUrl,
  /** The end of the period, as the digest hour (UTC). */
  periodEnd: z.iso.datetime(),
  alerts: z.array(alert).min(1).max(1000),
});
export type StockDigestProps = z.output<typeof schema>;

export const previewProps: StockDigestProps = {
  appUrl: "https://portal.example.com",
  periodEnd: "2026-12-04T07:00:00.000Z",
  alerts: [
    {
      kind: "low_stock",
      sku: "IP13-128-A-BLK",
      productName: "iPhone 13 128GB Grade A Black",
      supplierName: "PhoneX",
      quantity: 3,
      at: "2026-12-03T14:10:00.000Z",
    },
    {
      kind: "out_of_stock",
      sku: "S21-256-B-GRY",
      productName: "Galaxy S21 256GB Grade B Gray",
      supplierName: "CJ Dropshipping",
      quantity: 0,
      at: "2026-12-03T18:42:00.000Z",
    },
  ],
};

const counts = (p: StockDigestProps) => {
  const out = p.alerts.filter((a) => a.kind === "out_of_stock").length;
  return { low: p.alerts.length - out, out };
};
const line = (a: StockDigestProps["alerts"][number]) =>
  `${a.kind === "out_of_stock" ? "Out of stock" : `Low stock (${a.quantity} left)`}: ${a.sku} ${a.productName} at ${a.supplierName}`;

export function subject(p: StockDigestProps): string {
  const c = counts(p);
  return subjectLine(`Stock digest: ${c.out} out of stock, ${c.low} low`);
}

export default function StockDigestEmail(props: StockDigestProps | NoProps) {
  const p = withPreview(props, previewProps);
  const c = counts(p);
  const intro = `${p.alerts.length} stock alert${p.alerts.length === 1 ? "" : "s"} since the last digest: ${c.out} out of stock, ${c.low} low.`;
  return (
    <EmailLayout title={subject(p)} preview={intro} appUrl={p.appUrl} audience="ops">
      <h1 style={s.h1}>Stock digest</h1>
      <p style={s.p}>{intro}</p>
      <table role="presentation" width="100%" cellPadding={0} cellSpacing={0} style={{ margin: "0 0 16px", borderCollapse: "collapse" }}>
        <tbody>
          {p.alerts.map((a, i) => (
            <tr key={`${a.sku}-${i}`}>
              <td
                style={{
                  padding: "6px 12px 6px 0",
                  fontSize: "13px",
                  color: a.kind === "out_of_stock" ? colors.danger : colors.muted,
                  borderBottom: `1px solid ${colors.border}`,
                }}
              >
                {a.kind === "out_of_stock" ? "Out" : `Low (${a.quantity})`}
              </td>
              <td style={{ padding: "6px 0", fontSize: "14px", color: colors.text, borderBottom: `1px solid ${colors.border}` }}>
                <span style={s.mono}>{a.sku}</span> {a.productName} · {a.supplierName}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Button href={`${p.appUrl}/ops/alerts`}>Open stock alerts</Button>
    </EmailLayout>
  );
}
StockDigestEmail.PreviewProps = previewProps;

export function text(p: StockDigestProps): string {
  const c = counts(p);
  return textEmail({
    heading: "Stock digest",
    body: [
      `${p.alerts.length} stock alert${p.alerts.length === 1 ? "" : "s"} since the last digest: ${c.out} out of stock, ${c.low} low.`,
      p.alerts.map((a) => `- ${line(a)}`).join("\n"),
    ],
    action: { label: "Open stock alerts", url: `${p.appUrl}/ops/alerts` },
    appUrl: p.appUrl,
    audience: "ops",
  });
}
