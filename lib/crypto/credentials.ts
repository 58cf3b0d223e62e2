import "server-only";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { env } from "../env";

/**
 * AES-256-GCM for supplier credentials at rest. Format: "v1:<iv>:<tag>:<ciphertext>"
 * (base64 parts). The version prefix leaves room for key rotation.
 */
function key(raw = env().CREDENTIALS_KEY): Buffer {
  const buf = /^[0-9a-fA-F]{64}$/.test(raw) ? Buffer.from(raw, "hex") : Buffer.from(raw, "base64");
  if (buf.length !== 32) throw new Error("CREDENTIALS_KEY must decode to 32 bytes");
  return buf;
}

export function encryptSecret(plain: string, rawKey?: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(rawKey), iv);
  const ct = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64"), cipher.getAuthTag().toString("base64"), ct.toString("base64")].join(":");
}

export function decryptSecret(sealed: string, rawKey?: string): string {
  const [v, iv, tag, ct] = sealed.split(":");
  if (v !== "v1" || !iv || !tag || ct === undefined) throw new Error("Unrecognised credential format");
  const decipher = createDecipheriv("aes-256-gcm", key(rawKey), Buffer.from(iv, "base64"));
  decipher.setAuthTag(Buffer.from(tag, "base64"));
  return Buffer.concat([decipher.update(Buffer.from(ct, "base64")), decipher.final()]).toString("utf8");
}

export function encryptJson(value: unknown, rawKey?: string) {
  return encryptSecret(JSON.stringify(value), rawKey);
}

export function decryptJson<T = unknown>(sealed: string, rawKey?: string): T {
  return JSON.parse(decryptSecret(sealed, rawKey)) as T;
}
