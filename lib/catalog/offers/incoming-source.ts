import "server-only";
import { Prisma } from "../../db/client";
import { toColumns, type IncomingRow } from "./normalize-items";

/**
 * Where a set-based apply reads supplier items from: the staging table of a
 * sync run, or a pushed batch passed inline. Both yield the same columns, so
 * the scheduled sync and the webhook push run the same SQL.
 */
export type IncomingSource = { kind: "staged"; syncLogId: string } | { kind: "rows"; rows: readonly IncomingRow[] };

export function incomingSql(source: IncomingSource): Prisma.Sql {
  if (source.kind === "staged") {
    return Prisma.sql`SELECT "supplierSku", "sku", "name", "brand", "model", "storage", "color", "grade", "quantity", "cost", "currency"
      FROM "CatalogSyncStage" WHERE "syncLogId" = ${source.syncLogId}`;
  }
  return unnestRows(source.rows);
}

/** Rows as one relation from column arrays: one parameter per column, whatever the row count. */
export function unnestRows(rows: readonly IncomingRow[]): Prisma.Sql {
  const c = toColumns(rows);
  return Prisma.sql`SELECT * FROM unnest(
      ${c.supplierSku}::text[], ${c.sku}::text[], ${c.name}::text[], ${c.brand}::text[], ${c.model}::text[],
      ${c.storage}::text[], ${c.color}::text[], ${c.grade}::text[], ${c.quantity}::int[], ${c.cost}::numeric[], ${c.currency}::text[]
    ) AS t("supplierSku", "sku", "name", "brand", "model", "storage", "color", "grade", "quantity", "cost", "currency")`;
}
