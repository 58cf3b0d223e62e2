"use client";
import { useCallback, useState } from "react";

export type Notice = { tone: "error" | "info" | "success"; message: string } | null;

/** A one-line message after an action (cancel, retry). */
export function useNotice() {
  const [notice, setNotice] = useState<Notice>(null);
  const notify = useCallback((tone: "error" | "info" | "success", message: string) => setNotice({ tone, message }), []);
  return { notice, notify };
}
