// The raw-SQL ceiling replays exactly what the route sends to write an order. Rather than build
// that document here (and drift from lib/orders/place-order.ts), the bench captures it: every
// portal_place_order* function in the bench database is wrapped, for a moment, by one of the same
// signature that records its arguments and calls the original; the running app places two
// orders; the originals are put back. What differs between the two calls (ids, the order number)
// is per order and is made fresh on every replay; what they share (company, user, product, offer,
// supplier) stays. Whatever signature the function has today (one order, or an array of them),
// the replay is the same call.
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
  const fns = rows.filter((f) => !f.modes?.some((m) => m !== "i"));
  if (fns.length === 0) return { none: "no portal_place_order* function with plain arguments in the database" };
  await db.query("BEGIN");
  try {
    await db.query(`CREATE TABLE ${TABLE} ("fn" text, "args" jsonb, "at" timestamptz DEFAULT clock_timestamp())`);
    for (const f of fns) {
      const params = Array.from({ length: f.nargs }, (_, i) => `$${i + 1}`).join(", ");
      const record = `jsonb_build_array(${Array.from({ length: f.nargs }, (_, i) => `to_jsonb($${i + 1})`).join(", ")})`;
      const real = quote(`${f.name}__bench`);
      const call = `${real}(${params})`;
      // Only the outermost call is the route's (portal_place_orders calls portal_place_order per document).
      const body =
        f.result === "void"
          ? `PERFORM ${call}; PERFORM set_config('bench.capturing', prev, true);`
          : f.retset
            ? `RETURN QUERY SELECT * FROM ${call}; PERFORM set_config('bench.capturing', prev, true); RETURN;`
            : `r := ${call}; PERFORM set_config('bench.capturing', prev, true); RETURN r;`;
      await db.query(`ALTER FUNCTION ${quote(f.name)}(${f.ident}) RENAME TO ${real}`);
      await db.query(`CREATE FUNCTION ${quote(f.name)}(${f.args}) RETURNS ${f.result} LANGUAGE plpgsql AS $bench$
        DECLARE
          prev text := coalesce(current_setting('bench.capturing', true), '');
          ${f.result === "void" || f.retset ? "" : `r ${f.result};`}
        BEGIN
          IF prev = '' THEN
            INSERT INTO ${TABLE} ("fn", "args") VALUES (${db.escapeLiteral(f.name)}, ${record});
          END IF;
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

/** Put the original functions back and read what was captured. */
export async function removeCapture(db: pg.Client, installed: { fns: Fn[] }, numbers: string[]): Promise<CapturedCall | { none: string }> {
  await db.query("BEGIN");
  for (const f of installed.fns) {
    await db.query(`DROP FUNCTION ${quote(f.name)}(${f.ident})`);
    await db.query(`ALTER FUNCTION ${quote(`${f.name}__bench`)}(${f.ident}) RENAME TO ${quote(f.name)}`);
  }
  const { rows } = await db.query<{ fn: string; args: unknown[] }>(`SELECT "fn", "args" FROM ${TABLE} ORDER BY "at"`);
  await db.query(`DROP TABLE ${TABLE}`);
  await db.query("COMMIT");
  const [a, b] = rows;
  if (!a || !b || a.fn !== b.fn) return { none: `the two orders placed made ${rows.length} calls (${rows.map((r) => r.fn).join(", ")}), not one each` };
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
