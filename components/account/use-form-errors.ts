"use client";
import { useState } from "react";
import type { ApiResult } from "@/lib/web/api-client";

/** A form's server answer: the message, the fields the server named, and whether it is busy. */
export function useFormErrors() {
  const [message, setMessage] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(false);
  return {
    message,
    fields,
    pending,
    start() {
      setPending(true);
      setMessage(null);
      setFields({});
    },
    /** true when the call succeeded; otherwise shows its error. */
    done<T>(r: ApiResult<T>): r is Extract<ApiResult<T>, { ok: true }> {
      setPending(false);
      if (r.ok) return true;
      setMessage(r.error.message + (r.retryAfter ? ` (retry in ${r.retryAfter} s)` : ""));
      setFields((r.error as { fields?: Record<string, string> }).fields ?? {});
      return false;
    },
  };
}
