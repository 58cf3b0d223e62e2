/** An error and its causes (Prisma and its pg adapter, and ioredis, wrap the socket error in their own); bounded, cycle-safe. */
export type ErrorLink = { name: string; message: string; codes: string[] };

export function* errorChain(err: unknown, maxDepth = 8): Generator<ErrorLink> {
  const seen = new Set<unknown>();
  let e: unknown = err;
  for (let depth = 0; e && typeof e === "object" && !seen.has(e) && depth < maxDepth; depth++) {
    seen.add(e);
    const x = e as {
      name?: unknown;
      message?: unknown;
      cause?: unknown;
      code?: unknown;
      errorCode?: unknown;
      originalCode?: unknown;
      meta?: { code?: unknown };
    };
    const codes = [x.code, x.errorCode, x.originalCode, x.meta?.code].filter((c): c is string => typeof c === "string");
    yield { name: String(x.name ?? ""), message: String(x.message ?? ""), codes };
    e = x.cause;
  }
}
