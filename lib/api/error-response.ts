import { NextResponse } from "next/server";
import { ZodError } from "zod";
import { AppError, fieldsFromIssues } from "../errors";
import { log } from "../logger";
import { dependencyDown } from "./dependency-error";
import { dataError } from "./data-error";

/** Any error as the API's error shape (docs/api.md): ours as they say, bad input 422, a dependency down 503, the rest a 500 that leaks nothing. */
export function errorResponse(err: unknown): Response {
  if (err instanceof AppError) {
    const headers: Record<string, string> = {};
    if (err.extra.retryAfter) headers["Retry-After"] = String(err.extra.retryAfter);
    return NextResponse.json(err.toBody(), { status: err.status, headers });
  }
  if (err instanceof ZodError) {
    return NextResponse.json({ error: { code: "validation_failed", message: "Request is invalid", fields: fieldsFromIssues(err.issues) } }, { status: 422 });
  }
  const data = dataError(err);
  if (data) {
    // A value Postgres cannot store or compare (class 22) got past validation: the client's input, not our fault.
    log.warn("data error from the database", { code: data.code, err: (err as Error)?.message?.slice(0, 300) });
    return NextResponse.json(
      { error: { code: "validation_failed", message: "The request holds a value that cannot be stored or compared", fields: { body: data.message } } },
      { status: 422 },
    );
  }
  const down = dependencyDown(err);
  if (down) {
    log.warn("dependency unavailable", { dependency: down, err: (err as Error)?.message?.slice(0, 300) });
    return NextResponse.json(
      {
        error: {
          code: "unavailable",
          message: `The service is briefly unavailable (${down === "database" ? "database" : "queue"} unreachable); retry shortly`,
        },
      },
      { status: 503, headers: { "Retry-After": "5" } },
    );
  }
  log.error("unhandled error in route", { err });
  return NextResponse.json({ error: { code: "internal_error", message: "Something went wrong on our side" } }, { status: 500 });
}
