import type { ApiErrorBody } from "./types";

export type PlaceOrderProblems = {
  /** form field name ("shippingAddress.city", "reference") → message */
  fields: Record<string, string>;
  /** SKU → message, shown on the cart line */
  lines: Record<string, string>;
  /** anything that belongs to no single field or line */
  general: string[];
};

/**
 * Splits the API's error into where each message belongs on the checkout
 * page. `fields` paths are the request body's ("items.0.quantity").
 * out_of_stock / unknown_sku name the SKU in the error; when a server omits
 * it, the SKU is looked for in the message.
 */
export function placeOrderProblems(error: ApiErrorBody, skus: string[]): PlaceOrderProblems {
  const out: PlaceOrderProblems = { fields: {}, lines: {}, general: [] };
  for (const [path, message] of Object.entries(error.fields ?? {})) {
    const item = /^items\.(\d+)(?:\.|$)/.exec(path);
    const sku = item ? skus[Number(item[1])] : undefined;
    if (sku) out.lines[sku] ??= message;
    else if (path.startsWith("shippingAddress.") || path === "reference" || path === "notes") out.fields[path] = message;
    else out.general.push(path === "body" || path === "items" ? message : `${path}: ${message}`);
  }
  if (error.code === "out_of_stock" || error.code === "unknown_sku") {
    const named = Array.isArray(error.skus) ? error.skus.filter((s): s is string => typeof s === "string") : [];
    if (typeof error.sku === "string") named.push(error.sku);
    const hit = named.length ? named : skus.filter((s) => error.message.includes(s));
    const available = typeof error.available === "number" && !/available/i.test(error.message) ? ` (${error.available} available)` : "";
    const lineMessage = error.code === "unknown_sku" ? `${error.message}. Remove it to continue.` : error.message + available;
    const inCart = hit.filter((s) => skus.includes(s));
    for (const sku of inCart) out.lines[sku] ??= lineMessage;
    if (inCart.length === 0) out.general.push(error.message);
  }
  if (!error.fields && out.general.length === 0 && Object.keys(out.lines).length === 0) out.general.push(error.message);
  return out;
}
