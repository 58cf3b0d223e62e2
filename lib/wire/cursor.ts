import { AppError } from "../errors";
import { isWellFormedText } from "./well-formed";

/**
 * Opaque keyset cursors. A cursor is client input like any other: one that
 * does not decode to the shape we minted (a date Postgres can store, an id of
 * well-formed text) is a 422 naming `cursor`, never a query.
 */
const badCursor = () => new AppError("validation_failed", "cursor is not one this API returned", { fields: { cursor: "Invalid cursor" } });
const MIN = Date.UTC(2000, 0, 1);
const MAX = Date.UTC(2200, 0, 1);

function decodeText(cursor: string): string {
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(cursor)) throw badCursor();
  const text = Buffer.from(cursor, "base64url").toString("utf8");
  if (!text || !isWellFormedText(text) || text.includes("\uFFFD")) throw badCursor();
  return text;
}

/** Orders: base64url("<iso date>|<id>"). */
export function encodeCursor(at: Date, id: string) {
  return Buffer.from(`${at.toISOString()}|${id}`).toString("base64url");
}

export function decodeCursor(cursor: string | undefined): { at: Date; id: string } | null {
  if (!cursor) return null;
  const parts = decodeText(cursor).split("|");
  if (parts.length !== 2) throw badCursor();
  const [iso, id] = parts as [string, string];
  const at = new Date(iso);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/.test(iso) || Number.isNaN(at.getTime()) || at.getTime() < MIN || at.getTime() > MAX)
    throw badCursor();
  if (!id || id.length > 100) throw badCursor();
  return { at, id };
}

/** Products: base64url(<sku>). */
export const encodeSkuCursor = (sku: string) => Buffer.from(sku).toString("base64url");

export function decodeSkuCursor(cursor: string | undefined): string | null {
  if (!cursor) return null;
  const sku = decodeText(cursor);
  if (sku.length > 100) throw badCursor();
  return sku;
}
