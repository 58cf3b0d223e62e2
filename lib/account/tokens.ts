import "server-only";
import { createHash, randomBytes } from "node:crypto";

/** A link token: 32 random bytes (unguessable), kept in the database only as its SHA-256. */
export function newLinkToken(): { plain: string; hash: string } {
  const plain = randomBytes(32).toString("base64url");
  return { plain, hash: hashLinkToken(plain) };
}

export const hashLinkToken = (plain: string) => createHash("sha256").update(plain).digest("hex");

/** Tokens are 43 base64url characters; anything else is not one of ours (no lookup). */
export const looksLikeLinkToken = (s: string) => /^[A-Za-z0-9_-]{43}$/.test(s);
