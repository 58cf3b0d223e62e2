// The database ceiling for order intake, in a process of its own: the statement the route sends
// to write an order (the portal_place_order* call the bench captured from the running app, see
// capture-intake.ts), replayed with node-postgres from `concurrency` connections, each call with
// fresh ids and a fresh order number, against a copy of the bench database made before the run
// (no worker picks these orders up). The route's other round trip (its one read) is not in it.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { serve } from "./child";
import { summarize, type LoadResult } from "./load";
import { takesMany, type CapturedCall } from "./capture-intake";

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
let call: CapturedCall | null = null;
let url = "";
let seq = 0;
let perOrder = new Set<string>();
/** Each argument as sent: jsonb as its JSON text, jsonb[] as an array of texts, anything else as it came. */
let argTexts: unknown[] = [];
/** The one order of a captured array argument, as JSON text. */
let element = "";
/** Kept open across phases, so the orchestrator sees their Postgres backends (and their CPU). */
const clients: pg.Client[] = [];

/** `text` with every per-order id and the order number made new. */
function fresh(text: string): string {
  const ids = new Map<string, string>();
  const number = `PXRAW${String(++seq).padStart(8, "0")}`;
  return text.replace(UUID, (u) => (perOrder.has(u) ? (ids.get(u) ?? ids.set(u, randomUUID()).get(u)!) : u)).replaceAll(call!.number, number);
}

/**
 * The captured call's arguments, made new (as text: no parsing per call); with `perCall` > 1 (a
 * function that takes an array of orders, captured with one), that array holds `perCall` orders,
 * each with ids of its own.
 */
function freshArgs(perCall: number): unknown[] {
  if (perCall > 1) {
    const docs = Array.from({ length: perCall }, () => fresh(element));
    return [call!.argTypes[0]?.endsWith("[]") ? docs : `[${docs.join(",")}]`];
  }
  return argTexts.map((a) => (typeof a === "string" ? fresh(a) : Array.isArray(a) ? a.map(fresh) : a));
}

/** `total` calls from `concurrency` connections, `perCall` orders each. */
async function run({ total, concurrency, perCall = 1 }: { total: number; concurrency: number; perCall?: number }): Promise<LoadResult> {
  const c = call!;
  if (perCall > 1 && !takesMany(c)) throw new Error(`${c.fn} takes one order a call`);
  const sql = `SELECT ${c.fn}(${c.argTypes.map((t, i) => `$${i + 1}::${t}`).join(", ")})`;
  await connect({ concurrency });
  const latencies: number[] = [];
  const errors: Record<string, number> = {};
  let ok = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    clients.slice(0, concurrency).map(async (client) => {
      for (let i = next++; i < total; i = next++) {
        const args = freshArgs(perCall);
        const t = performance.now();
        try {
          const r = await client.query(sql, args);
          latencies.push(performance.now() - t);
          // A function that answers per order ({"ok": false, …}) rather than raising.
          const refused = /"ok":\s*false.{0,200}/.exec(JSON.stringify(r.rows[0] ?? null))?.[0];
          if (refused) errors[refused] = (errors[refused] ?? 0) + 1;
          else ok++;
        } catch (err) {
          const k = (err as Error).message.slice(0, 200);
          errors[k] = (errors[k] ?? 0) + 1;
        }
      }
    }),
  );
  return summarize({ total, ok, errors, latencies, started });
}

async function connect({ concurrency }: { concurrency: number }) {
  while (clients.length < concurrency) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    clients.push(client);
  }
}

serve({
  setup: (a: { url: string; call: CapturedCall }) => {
    url = a.url;
    call = a.call;
    perOrder = new Set(a.call.perOrder);
    const args = JSON.parse(a.call.argsJson) as unknown[];
    argTexts = args.map((v, i) => {
      const type = a.call.argTypes[i] ?? "";
      if (type === "jsonb" || type === "json") return JSON.stringify(v);
      if ((type === "jsonb[]" || type === "json[]") && Array.isArray(v)) return v.map((x) => JSON.stringify(x));
      return v;
    });
    if (takesMany(a.call)) element = JSON.stringify((args[0] as unknown[])[0]);
  },
  connect,
  run,
});
