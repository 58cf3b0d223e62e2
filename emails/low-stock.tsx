import { z } from "zod";
import { Button } from "./components/button";
import { subjectLine } from "./components/format";
import { EmailLayout } from "./components/layout";
import { withPreview, type NoProps } from "./components/preview";
import { productUrl, sampleStock, stockAlertBase, StockFacts, stockFactsText } from "./components/stock-alert";
import { textEmail } from "./components/text";
import { s } from "./components/theme";

// To ops: a supplier's stock of a SKU dropped to or below its threshold, so
// they can reorder, switch supplier or raise the price before it sells out.
export const schema = stockAlertBase.extend({
  threshold: z.number().int().nonnegative().nullish(),
});
export type LowStockProps = z.output<typeof schema>;

export const previewProps: LowStockProps = { ...sampleStock, quantity: 3, threshold: 5 };

function sentence(p: LowStockProps): string {
  const limit = p.threshold != null ? ` (alert threshold ${p.threshold})` : "";
  return `${p.supplierName} has only ${p.quantity} left of ${p.sku}${limit}.`;
}

export function subject(p: LowStockProps): string {
  return subjectLine(`Low stock: ${p.sku} at ${p.supplierName} (${p.quantity} left)`);
}

export default function LowStockEmail(props: LowStockProps | NoProps) {
  const p = withPreview(props, previewProps);
  return (
    <EmailLayout title={subject(p)} preview={sentence(p)} appUrl={p.appUrl} audience="ops">
      <h1 style={s.h1}>Low stock</h1>
      <p style={s.p}>{sentence(p)}</p>
      <StockFacts p={p} extra={[["Threshold", p.threshold]]} />
      <Button href={productUrl(p)}>Open product</Button>
    </EmailLayout>
  );
}
LowStockEmail.PreviewProps = previewProps;

export function text(p: LowStockProps): string {
  return textEmail({
    heading: "Low stock",
    body: [sentence(p), stockFactsText(p, [["Threshold", p.threshold]])],
    action: { label: "Open product", url: productUrl(p) },
    appUrl: p.appUrl,
    audience: "ops",
  });
}
