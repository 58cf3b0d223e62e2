/**
 * Default props: each template renders with sample data when given no props
 * at all, so it previews (react-email's preview server, a storybook, a quick
 * renderToStaticMarkup(<OrderShippedEmail />)). It is all or nothing on
 * purpose: merging field by field would let a real email that leaves an
 * optional field out (a cancel reason, say) show the sample's value instead.
 */
export type NoProps = Record<string, never>;

export function withPreview<T extends object>(props: T | NoProps, preview: T): T {
  return Object.keys(props).length === 0 ? preview : (props as T);
}

/** The demo order from docs/api.md, shared by the previews. */
export const sampleOrder = {
  appUrl: "http://localhost:3000",
  orderId: "ord_demo_0347",
  orderNumber: "PXSTKL0000347",
  reference: "PO-88121",
  recipientName: "Maria Lopez",
};
