/** The error codes of docs/api.md, and the HTTP status each maps to. */
export const errorStatus = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  idempotency_conflict: 409,
  not_cancelable: 409,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  validation_failed: 422,
  unknown_sku: 422,
  out_of_stock: 422,
  rate_limited: 429,
  bad_request: 400,
  unavailable: 503,
  internal_error: 500,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: { fields?: Record<string, string>; details?: Record<string, unknown>; retryAfter?: number } = {},
  ) {
    super(message);
    this.name = "AppError";
    this.status = errorStatus[code];
  }

  toBody() {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.extra.fields ? { fields: this.extra.fields } : {}),
        ...(this.extra.details ?? {}),
      },
    };
  }
}

/** zod issues → { "items.0.quantity": "Too small: expected number to be >=1" } */
export function fieldsFromIssues(issues: { path: PropertyKey[]; message: string; code?: string; keys?: PropertyKey[] }[]) {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    // A field the schema does not define: named by its own path.
    if (issue.code === "unrecognized_keys" && issue.keys?.length) {
      for (const k of issue.keys) fields[[...issue.path, k].map(String).join(".")] ??= "Unknown field";
      continue;
    }
    const key = issue.path.map(String).join(".") || "body";
    fields[key] ??= issue.message;
  }
  return fields;
}
