import type { Principal } from "../auth/principal";
import { AppError } from "../errors";
import { idempotencyKeySchema } from "../orders/schemas";

/**
 * The request's Idempotency-Key: checked (1–255 characters), and required
 * for API-key calls (a script's retry must never place a second order).
 */
export function idempotencyKeyFrom(req: Request, principal: Principal): string | undefined {
  const raw = req.headers.get("idempotency-key");
  if (raw === null) {
    if (principal.kind === "api_key") {
      throw new AppError("validation_failed", "Idempotency-Key header is required for API-key calls", { fields: { "Idempotency-Key": "Required" } });
    }
    return undefined;
  }
  const k = idempotencyKeySchema.safeParse(raw);
  if (!k.success)
    throw new AppError("validation_failed", "Idempotency-Key must be 1-255 characters", { fields: { "Idempotency-Key": "Must be 1-255 characters" } });
  return k.data;
}

/** The request's Idempotency-Key when it sends one (checked as above); never required. */
export function optionalIdempotencyKeyFrom(req: Request): string | undefined {
  const raw = req.headers.get("idempotency-key");
  if (raw === null) return undefined;
  const k = idempotencyKeySchema.safeParse(raw);
  if (!k.success)
    throw new AppError("validation_failed", "Idempotency-Key must be 1-255 characters", { fields: { "Idempotency-Key": "Must be 1-255 characters" } });
  return k.data;
}
