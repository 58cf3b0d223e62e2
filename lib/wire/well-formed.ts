import { z } from "zod";

/**
 * Strings must be well-formed before they go anywhere (docs/api.md): no
 * NUL (Postgres text cannot hold it) and no lone UTF-16 surrogate (jsonb and
 * UTF-8 cannot). Checked at every boundary: JSON bodies (every string and
 * every key), query strings, path params and decoded cursors, so nothing a
 * client sends reaches Postgres unchecked; the answer is 422 naming the field.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const ILL_FORMED_MESSAGE = "Must not contain NUL characters or ill-formed Unicode";

export function isWellFormedText(s: string): boolean {
  return !s.includes("\u0000") && !LONE_SURROGATE.test(s);
}

/** For our own logs and error columns that quote client text: NUL and lone surrogates become U+FFFD. */
export function toWellFormed(s: string): string {
  return s.replace(/\u0000/g, "\uFFFD").replace(new RegExp(LONE_SURROGATE.source, "g"), "\uFFFD");
}

/** The path of the first ill-formed string (or key) in a parsed JSON value, or null. */
export function findIllFormed(value: unknown, path: string[] = [], depth = 0): string | null {
  if (typeof value === "string") return isWellFormedText(value) ? null : path.join(".") || "body";
  if (value === null || typeof value !== "object" || depth > 64) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findIllFormed(value[i], [...path, String(i)], depth + 1);
      if (found) return found;
    }
    return null;
  }
  for (const [k, v] of Object.entries(value)) {
    if (!isWellFormedText(k)) return [...path, "(key)"].join(".");
    const found = findIllFormed(v, [...path, k], depth + 1);
    if (found) return found;
  }
  return null;
}

/** A zod string that is well-formed (for schemas used outside the HTTP boundary too). */
export const wellFormedString = () => z.string().refine(isWellFormedText, ILL_FORMED_MESSAGE);
