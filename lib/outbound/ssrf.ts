import "server-only";
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { env } from "../env";

/**
 * Deliveries go only to public addresses in production: a reseller's URL must not make our
 * servers call localhost, the private network or a cloud metadata endpoint. The demo and the
 * tests deliver to local receivers. Checked when an endpoint is saved and again before each
 * attempt (a name can be pointed elsewhere after it was saved).
 */
export function localAllowed(): boolean {
  const e = env();
  return e.DEMO_MODE || e.NODE_ENV === "test";
}

export function isPrivateAddress(ip: string): boolean {
  const v = isIP(ip);
  if (v === 4) {
    const [a, b] = ip.split(".").map(Number) as [number, number];
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 100 && b >= 64 && b <= 127) ||
      a >= 224
    );
  }
  if (v === 6) {
    const s = ip.toLowerCase();
    if (s === "::1" || s === "::") return true;
    if (s.startsWith("::ffff:")) return isPrivateAddress(s.slice(7));
    return (
      s.startsWith("fc") || s.startsWith("fd") || s.startsWith("fe8") || s.startsWith("fe9") || s.startsWith("fea") || s.startsWith("feb") || s.startsWith("ff")
    );
  }
  return true;
}

/** null when the URL may be called; otherwise why not. */
export async function refuseUrl(raw: string, allowLocal = localAllowed()): Promise<string | null> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "Not a URL";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "Use an http(s) URL";
  if (url.username || url.password) return "No credentials in the URL";
  if (allowLocal) return null;
  if (url.protocol !== "https:") return "Use https";
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const addresses = isIP(host)
    ? [host]
    : await lookup(host, { all: true })
        .then((r) => r.map((x) => x.address))
        .catch(() => [] as string[]);
  if (addresses.length === 0) return "The host does not resolve";
  if (addresses.some(isPrivateAddress)) return "The host is a private, loopback or link-local address";
  return null;
}
