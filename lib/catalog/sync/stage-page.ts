import "server-only";
import type pg from "pg";
import { db } from "../../db/client";
import { toColumns, type NormalizedPage } from "../offers/normalize-items";

/** Rows per INSERT: big enough to amortise the round trip, small enough for modest parameter arrays. */
export const STAGE_CHUNK = 10_000;

export type Checkpoint = {
  /** The supplier cursor of the NEXT page (null: this was the last). */
  cursor: string | null;
  processed: number;
  total: number;
};

const COLUMNS = `"syncLogId", "supplierSku", "sku", "name", "brand", "model", "storage", "color", "grade", "quantity", "cost", "currency"`;
const ROWS = `SELECT $1, t.* FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::int[], $11::numeric[], $12::text[]) t`;

/** The usual page: SKUs not staged yet in this run, so every row is new. */
const INSERT_CHUNK = `
  WITH ins AS (INSERT INTO "CatalogSyncStage" (${COLUMNS}) ${ROWS})
  UPDATE "SupplierSyncLog" SET "staged" = "staged" + cardinality($2::text[]) WHERE "id" = $1`;

/** A page repeating SKUs of an earlier one: the later row replaces the earlier; `staged` counts new keys only. */
const UPSERT_CHUNK = `
  WITH ins AS (
    INSERT INTO "CatalogSyncStage" (${COLUMNS}) ${ROWS}
    ON CONFLICT ("syncLogId", "supplierSku") DO UPDATE SET
      "sku" = EXCLUDED."sku", "name" = EXCLUDED."name", "brand" = EXCLUDED."brand", "model" = EXCLUDED."model",
      "storage" = EXCLUDED."storage", "color" = EXCLUDED."color", "grade" = EXCLUDED."grade",
      "quantity" = EXCLUDED."quantity", "cost" = EXCLUDED."cost", "currency" = EXCLUDED."currency"
    RETURNING (xmax = 0) AS fresh
  )
  UPDATE "SupplierSyncLog" SET "staged" = "staged" + (SELECT count(*) FROM ins WHERE fresh)::int WHERE "id" = $1`;

const CHECKPOINT = `
  UPDATE "SupplierSyncLog"
     SET "cursor" = $2, "pages" = "pages" + 1, "processed" = $3, "total" = $4, "failed" = "failed" + $5
   WHERE "id" = $1`;

/**
 * Stage one supplier page and move the run's checkpoint past it, in one
 * transaction on the run's own session: after a crash the checkpoint and the
 * staged rows agree, so a resumed run neither skips nor double-counts a page.
 * Each chunk is one multi-row INSERT … SELECT FROM unnest(…). A plain INSERT
 * first: ON CONFLICT's speculative insertion costs ~3.5× as much per row
 * (70 against 20 ms per 10,000 here), and a SKU seen on an earlier page is
 * rare. When one is there (unique violation), the page is staged again as an
 * upsert: the later row replaces the earlier, and `staged` counts new keys only.
 */
export async function stagePage(session: Pick<pg.Client, "query">, syncLogId: string, page: NormalizedPage, cp: Checkpoint) {
  try {
    await stageIn(session, INSERT_CHUNK, syncLogId, page, cp);
  } catch (err) {
    if ((err as { code?: string }).code !== UNIQUE_VIOLATION) throw err;
    await stageIn(session, UPSERT_CHUNK, syncLogId, page, cp);
  }
}

const UNIQUE_VIOLATION = "23505";

async function stageIn(session: Pick<pg.Client, "query">, statement: string, syncLogId: string, page: NormalizedPage, cp: Checkpoint) {
  await session.query("BEGIN");
  try {
    for (let i = 0; i < page.rows.length; i += STAGE_CHUNK) {
      const c = toColumns(page.rows.slice(i, i + STAGE_CHUNK));
      await session.query(statement, [syncLogId, c.supplierSku, c.sku, c.name, c.brand, c.model, c.storage, c.color, c.grade, c.quantity, c.cost, c.currency]);
    }
    await session.query(CHECKPOINT, [syncLogId, cp.cursor, cp.processed, cp.total, page.failed]);
    await session.query("COMMIT");
  } catch (err) {
    await session.query("ROLLBACK").catch(() => undefined);
    throw err;
  }
}

/** Rows actually staged for a run (compared with the log's count on resume). */
export async function countStaged(syncLogId: string): Promise<number> {
  const [r] = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "CatalogSyncStage" WHERE "syncLogId" = ${syncLogId}`;
  return r?.n ?? 0;
}

export async function clearStaged(syncLogIds: string[]) {
  if (syncLogIds.length === 0) return;
  await db.$executeRaw`DELETE FROM "CatalogSyncStage" WHERE "syncLogId" = ANY(${syncLogIds}::text[])`;
}
