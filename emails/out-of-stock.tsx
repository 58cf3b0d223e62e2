import { z } from "zod";
import { Button } from "./components/button";
import { subjectLine } from "./components/format";
import { EmailLayout } from "./components/layout";
import { withPreview, type NoProps } from "./components/preview";
import { productUrl, sampleStock, stockAlertBase, StockFacts, stockFactsText } from "./components/stock-alert";
import { textEmail } from "./components/text";
import { s } from "./components/theme";

// To ops: a supplier has none of a SKU left. When that was the last offer the
// product is deactivated, and ops should know resellers can no longer order it.
export const schema = stockAlertBase.extend({
  /** The product was taken out of the catalog because no supplier has stock. */
  deactivated: z.boolean().default(false),
});
export type OutOfStockProps = z.output<typeof schema>;

export const previewProps: OutOfStockProps = { ...sampleStock, quantity: 0, deactivated: true };

function sentence(p: OutOfStockProps): string {
  const base = `${p.supplierName} is out of stock of ${p.sku} (quantity ${p.quantity}).`;
  return p.deactivated ? `${base} No other supplier has it, so the product was deactivated and resellers cannot order it until stock returns.` : base;
}

export function subject(p: OutOfStockProps): string {
  return subjectLine(`Out of stock: ${p.sku} at ${p.supplierName}${p.deactivated ? " (deactivated)" : ""}`);
}

export default function OutOfStockEmail(props: OutOfStockProps | NoProps) {
  const p = withPreview(props, previewProps);
  return (
    <EmailLayout title={subject(p)} preview={sentence(p)} appUrl={p.appUrl} audience="ops">
      <h1 style={s.h1}>Out of stock</h1>
      <p style={s.p}>{sentence(p)}</p>
      <StockFacts p={p} extra={[["Catalog", p.deactivated ? "Deactivated" : null]]} />
      <Button href={productUrl(p)}>Open product</Button>
    </EmailLayout>
  );
}
OutOfStockEmail.PreviewProps = previewProps;

export function text(p: OutOfStockProps): string {
  return textEmail({
    heading: "Out of stock",
    body: [sentence(p), stockFactsText(p, [["Catalog", p.deactivated ? "Deactivated" : null]])],
    action: { label: "Open product", url: productUrl(p) },
    appUrl: p.appUrl,
    audience: "ops",
  });
}
