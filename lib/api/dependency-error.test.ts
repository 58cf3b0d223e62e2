import { describe, expect, it } from "vitest";
import { dependencyDown } from "./dependency-error";

const withCause = (message: string, cause: unknown, extra: Record<string, unknown> = {}) => Object.assign(new Error(message, { cause }), extra);

describe("dependencyDown", () => {
  it("recognises Postgres being away, however Prisma wraps it", () => {
    expect(
      dependencyDown(
        withCause("Invalid `db.order.findMany()` invocation", Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5439"), { code: "ECONNREFUSED" })),
      ),
    ).toBe("database");
    expect(dependencyDown(new Error("Can't reach database server at 127.0.0.1:5439"))).toBe("database");
    expect(dependencyDown(Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" }))).toBe("database");
    expect(dependencyDown(Object.assign(new Error("x"), { code: "P2024" }))).toBe("database");
    expect(dependencyDown(Object.assign(new Error("Transaction API error: Unable to start a transaction in the given time."), { code: "P2028" }))).toBe(
      "database",
    );
    expect(dependencyDown(Object.assign(new Error("init"), { name: "PrismaClientInitializationError" }))).toBe("database");
  });

  it("recognises Redis being away", () => {
    expect(dependencyDown(Object.assign(new Error("Reached the max retries per request limit (which is 1)."), { name: "MaxRetriesPerRequestError" }))).toBe(
      "redis",
    );
    expect(dependencyDown(new Error("Connection is closed."))).toBe("redis");
    expect(dependencyDown(new Error("Redis did not answer within 1000 ms"))).toBe("redis");
  });

  it("leaves bugs and client errors alone (they are not a 503)", () => {
    expect(dependencyDown(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBeNull();
    expect(dependencyDown(Object.assign(new Error("Unique constraint failed"), { code: "P2002" }))).toBeNull();
    expect(dependencyDown(Object.assign(new Error("invalid input syntax"), { code: "22P02" }))).toBeNull();
    expect(dependencyDown(null)).toBeNull();
    expect(dependencyDown("boom")).toBeNull();
  });

  it("does not loop on a cause cycle", () => {
    const a = new Error("a") as Error & { cause?: unknown };
    a.cause = a;
    expect(dependencyDown(a)).toBeNull();
  });
});
