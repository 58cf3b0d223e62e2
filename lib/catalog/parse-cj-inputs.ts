/**
 * Turn what ops paste into the import box into CJ references: product URLs
 * (https://cjdropshipping.com/product/<slug>-p-<PID>.html, or a ?pid= / ?id=
 * link), bare product ids, or SKUs. Pure: tested without CJ.
 */
export type CjRef = { input: string; ref: string };
export type ParsedCjInputs = { refs: CjRef[]; refused: { input: string; reason: string }[]; duplicates: { input: string; reason: string }[] };

/** Lines, commas or whitespace all separate entries (a pasted column or a sentence of ids). */
export function splitInputs(inputs: string[]): string[] {
  return inputs
    .flatMap((i) => i.split(/[\s,;]+/))
    .map((s) => s.trim())
    .filter(Boolean);
}

const SAFE_REF = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** The pid or SKU in one entry, or why there is none. */
export function parseCjInput(raw: string): { ref: string } | { reason: string } {
  const s = raw.trim();
  if (/^https?:\/\//i.test(s) || /^(www\.)?cjdropshipping\.com\//i.test(s)) {
    let url: URL;
    try {
      url = new URL(/^https?:\/\//i.test(s) ? s : `https://${s}`);
    } catch {
      return { reason: "Not a valid URL" };
    }
    if (!/(^|\.)cjdropshipping\.com$/i.test(url.hostname)) return { reason: "Not a CJ Dropshipping URL" };
    // The last "-p-" before ".html": a product slug may contain "-p-" itself.
    const m = /^.*-p-([A-Za-z0-9-]+)\.html$/.exec(decodeURIComponent(url.pathname));
    if (m && SAFE_REF.test(m[1]!)) return { ref: m[1]! };
    const query = url.searchParams.get("pid") ?? url.searchParams.get("id");
    if (query && SAFE_REF.test(query)) return { ref: query };
    return { reason: "No CJ product id in this URL" };
  }
  if (SAFE_REF.test(s)) return { ref: s };
  return { reason: "Not a CJ product id, SKU or URL" };
}

/** Every entry parsed; the second mention of the same reference is reported as a duplicate, not fetched again. */
export function parseCjInputs(inputs: string[]): ParsedCjInputs {
  const out: ParsedCjInputs = { refs: [], refused: [], duplicates: [] };
  const seen = new Map<string, string>();
  for (const input of splitInputs(inputs)) {
    const r = parseCjInput(input);
    if ("reason" in r) {
      out.refused.push({ input, reason: r.reason });
      continue;
    }
    const key = r.ref.toUpperCase();
    const first = seen.get(key);
    if (first !== undefined) {
      out.duplicates.push({ input, reason: first === input ? "Listed twice" : `Same product as ${first}` });
      continue;
    }
    seen.set(key, input);
    out.refs.push({ input, ref: r.ref });
  }
  return out;
}
