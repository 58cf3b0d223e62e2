"use client";

/** The company a staff user is ordering for (issue 14 point 6), remembered for this tab. */
export type ActingFor = { id: string; name: string };

/**
 * Kept in sessionStorage, keyed by user: it ends with the tab, so nobody finds themselves still
 * ordering for a company days later, and two people sharing a browser never inherit it.
 */
const listeners = new Set<() => void>();
const cache = new Map<string, { raw: string | null; value: ActingFor | null }>();
const keyOf = (userId: string) => `acting-for:v1:${userId}`;

function parse(raw: string | null): ActingFor | null {
  try {
    const v: unknown = JSON.parse(raw ?? "null");
    if (v && typeof v === "object" && typeof (v as ActingFor).id === "string" && typeof (v as ActingFor).name === "string") {
      return { id: (v as ActingFor).id, name: (v as ActingFor).name };
    }
  } catch {
    // unreadable: not acting
  }
  return null;
}

export function readActingFor(userId: string | null): ActingFor | null {
  if (!userId) return null;
  let raw: string | null = null;
  try {
    raw = sessionStorage.getItem(keyOf(userId));
  } catch {
    return null;
  }
  const hit = cache.get(userId);
  if (hit && hit.raw === raw) return hit.value; // the same object while unchanged
  const value = parse(raw);
  cache.set(userId, { raw, value });
  return value;
}

export function writeActingFor(userId: string, value: ActingFor | null) {
  try {
    if (value) sessionStorage.setItem(keyOf(userId), JSON.stringify(value));
    else sessionStorage.removeItem(keyOf(userId));
  } catch {
    // storage refused: acting cannot be remembered
  }
  listeners.forEach((l) => l());
}

export function subscribeActingFor(onChange: () => void) {
  listeners.add(onChange);
  return () => {
    listeners.delete(onChange);
  };
}

export const serverActingFor = () => null;
