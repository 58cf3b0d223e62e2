// The raw-SQL ceiling replays exactly what the route sends to write an order. Rather than build
// that document here (and drift from lib/orders/place-order.ts), the bench captures it: every
// portal_place_order* function in the bench database is wrapped, for a moment, by one of the same
// signature that records its arguments and calls the original; the running app places two
// orders; the originals are put back. What differs between the two calls (ids, the order number)
// is per order and is made fresh on every replay; what they share (company, user, product, offer,
// supplier) stays. Whatever signature the function has today (one order, or an array of them),
// the replay is the same call. While the wrapper is in, each outermost call also records how many
// orders it carried and when it ran, so the bench sees how the route groups concurrent orders
// (orders a call, calls at once) at each load, and replays the write the same way.
import type pg from "pg";

export type CapturedCall = {
  fn: string;
  /** Argument types as the function declares them (jsonb, jsonb[], …). */
  argTypes: string[];
  /** The arguments of one call, as a JSON array. */
  argsJson: string;
  /** The uuids of that call that are the order's own (made new on each replay). */
  perOrder: string[];
  /** Its order number (made new on each replay). */
  number: string;
};

type Fn = { name: string; ident: string; args: string; result: string; retset: boolean; types: string[]; nargs: number };

const TABLE = "bench_intake_capture";
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** Wrap the intake functions; returns what to undo, or why nothing could be wrapped. */
export async function installCapture(db: pg.Client): Promise<{ fns: Fn[] } | { none: string }> {
  const { rows } = await db.query<Fn & { modes: string[] | null }>(`
    SELECT p.proname AS name, pg_get_function_identity_arguments(p.oid) AS ident, pg_get_function_arguments(p.oid) AS args,
           pg_get_function_result(p.oid) AS result, p.proretset AS retset, p.pronargs AS nargs, p.proargmodes::text[] AS modes,
           ARRAY(SELECT format_type(t, NULL) FROM unnest(p.proargtypes) t) AS types
      FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
     WHERE n.nspname = current_schema() AND p.prokind = 'f' AND p.proname LIKE 'portal\\_place\\_order%' AND p.proname NOT LIKE '%\\_\\_bench'`);
  const fns = rows.filter((f) => f.nargs > 0 && !f.modes?.some((m) => m !== "i"));
  if (fns.length === 0) return { none: "no portal_place_order* function with plain arguments in the database" };
  await db.query("BEGIN");
  try {
    // One row per outermost call: its size (orders in its first argument when that is an array)
    // and when it ran; the arguments themselves only for the first two (the replayed call).
    await db.query(`CREATE TABLE ${TABLE} ("fn" text, "args" jsonb, "n" int, "started" timestamptz, "ended" timestamptz)`);
    for (const f of fns) {
      const params = Array.from({ length: f.nargs }, (_, i) => `$${i + 1}`).join(", ");
      const record = `jsonb_build_array(${Array.from({ length: f.nargs }, (_, i) => `to_jsonb($${i + 1})`).join(", ")})`;
      const real = quote(`${f.name}__bench`);
      const call = `${real}(${params})`;
      // Only the outermost call is the route's (portal_place_orders may call portal_place_order per document).
      const done = `PERFORM set_config('bench.capturing', prev, true);
          IF prev = '' THEN
            INSERT INTO ${TABLE} ("fn", "args", "n", "started", "ended")
            VALUES (${db.escapeLiteral(f.name)}, CASE WHEN (SELECT count(*) FROM ${TABLE}) < 2 THEN ${record} END,
                    CASE WHEN jsonb_typeof(to_jsonb($1)) = 'array' THEN jsonb_array_length(to_jsonb($1)) ELSE 1 END, started, clock_timestamp());
          END IF;`;
      const body =
        f.result === "void" ? `PERFORM ${call}; ${done}` : f.retset ? `RETURN QUERY SELECT * FROM ${call}; ${done} RETURN;` : `r := ${call}; ${done} RETURN r;`;
      await db.query(`ALTER FUNCTION ${quote(f.name)}(${f.ident}) RENAME TO ${real}`);
      await db.query(`CREATE FUNCTION ${quote(f.name)}(${f.args}) RETURNS ${f.result} LANGUAGE plpgsql AS $bench$
        DECLARE
          prev text := coalesce(current_setting('bench.capturing', true), '');
          started timestamptz := clock_timestamp();
          ${f.result === "void" || f.retset ? "" : `r ${f.result};`}
        BEGIN
          PERFORM set_config('bench.capturing', '1', true);
          ${body}
        END $bench$`);
    }
    await db.query("COMMIT");
  } catch (err) {
    await db.query("ROLLBACK");
    throw err;
  }
  return { fns };
}

type Row = { fn: string; args: unknown[] | null; n: number; started: Date; ended: Date };

/** The calls recorded since the last take (and forget them). */
export async function takeCalls(db: pg.Client): Promise<Row[]> {
  const { rows } = await db.query<Row>(`DELETE FROM ${TABLE} RETURNING "fn", "args", "n", "started", "ended"`);
  return rows.sort((a, b) => a.started.getTime() - b.started.getTime());
}

/** How the route called the write under some load: orders a call, and calls running at once (on average). */
export type CallShape = { calls: number; ordersPerCall: number; inFlight: number };

export function shapeOf(rows: Row[]): CallShape | null {
  if (rows.length === 0) return null;
  const orders = rows.reduce((n, r) => n + r.n, 0);
  const busy = rows.reduce((ms, r) => ms + (r.ended.getTime() - r.started.getTime()), 0);
  const span = Math.max(...rows.map((r) => r.ended.getTime())) - Math.min(...rows.map((r) => r.started.getTime()));
  return { calls: rows.length, ordersPerCall: orders / rows.length, inFlight: span > 0 ? busy / span : 1 };
}

/** Put the original functions back. */
export async function removeCapture(db: pg.Client, installed: { fns: Fn[] }) {
  await db.query("BEGIN");
  for (const f of installed.fns) {
    await db.query(`DROP FUNCTION ${quote(f.name)}(${f.ident})`);
    await db.query(`ALTER FUNCTION ${quote(`${f.name}__bench`)}(${f.ident}) RENAME TO ${quote(f.name)}`);
  }
  await db.query(`DROP TABLE ${TABLE}`);
  await db.query("COMMIT");
}

/** The call to replay, from the two calls two single orders made one after the other. */
export function capturedCall(installed: { fns: Fn[] }, rows: Row[], numbers: string[]): CapturedCall | { none: string } {
  const [a, b] = rows;
  if (rows.length !== 2 || !a?.args || !b?.args || a.fn !== b.fn)
    return { none: `two orders placed one after the other made ${rows.length} calls (${rows.map((r) => r.fn).join(", ")}), not one each` };
  const argsJson = JSON.stringify(a.args);
  const other = new Set(JSON.stringify(b.args).match(UUID) ?? []);
  const number = numbers.find((n) => argsJson.includes(n));
  if (!number) return { none: "the captured call holds neither order number" };
  return {
    fn: quote(a.fn),
    argTypes: installed.fns.find((f) => f.name === a.fn)!.types,
    argsJson,
    perOrder: [...new Set((argsJson.match(UUID) ?? []).filter((u) => !other.has(u)))],
    number,
  };
}

/** Whether the captured function takes an array of orders (so one call can carry many). */
export function takesMany(c: CapturedCall) {
  const args = JSON.parse(c.argsJson) as unknown[];
  return args.length === 1 && Array.isArray(args[0]) && args[0].length === 1;
}
