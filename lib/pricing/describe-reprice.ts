import type { RepriceResult } from "./types";

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * What a reprice did, in ops' words: how many prices actually moved (a row
 * whose price stayed and only its cost source changed is not counted), how
 * many moves wait for approval and how many waiting ones it made moot.
 * "No price changed" when nothing moved. Pure: the pricing page shows it.
 */
export function describeReprice(r: Pick<RepriceResult, "changed" | "proposed" | "withdrawn">): string {
  const parts = [r.changed > 0 ? plural(r.changed, "price changed", "prices changed") : r.proposed > 0 ? null : "No price changed"];
  if (r.proposed > 0) parts.push(`${r.proposed} waiting for approval`);
  if (r.withdrawn > 0) parts.push(plural(r.withdrawn, "waiting change withdrawn", "waiting changes withdrawn"));
  return parts.filter(Boolean).join(", ");
}
