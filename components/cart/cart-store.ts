"use client";
import type { CartLine } from "./cart-context";

/**
 * The cart as an external store over localStorage, for useSyncExternalStore:
 * the server and the first client render see an empty cart, then the stored
 * one, without a setState-in-effect round; other tabs notify via `storage`.
 */
const EMPTY: CartLine[] = [];
const listeners = new Set<() => void>();
const cache = new Map<string, { raw: string | null; lines: CartLine[] }>();
/** when storage refuses writes (full, disabled), the cart still works for this page view */
const memory = new Map<string, CartLine[]>();

function parse(raw: string | null): CartLine[] {
  try {
    const parsed: unknown = JSON.parse(raw ?? "[]");
    if (!Array.isArray(parsed)) return EMPTY;
    return parsed.filter((l): l is CartLine => typeof l?.sku === "string" && Number.isInteger(l?.quantity) && /^\d+(\.\d+)?$/.test(String(l?.price)));
  } catch {
    return EMPTY;
  }
}

export function readCart(key: string): CartLine[] {
  const inMemory = memory.get(key);
  if (inMemory) return inMemory;
  let raw: string | null = null;
  try {
    raw = localStorage.getItem(key);
  } catch {
    return EMPTY;
  }
  const hit = cache.get(key);
  if (hit && hit.raw === raw) return hit.lines; // same reference while unchanged
  const lines = parse(raw);
  cache.set(key, { raw, lines });
  return lines;
}

export function writeCart(key: string, lines: CartLine[]) {
  try {
    localStorage.setItem(key, JSON.stringify(lines));
    memory.delete(key);
  } catch {
    memory.set(key, lines);
  }
  listeners.forEach((l) => l());
}

export function subscribeCart(onChange: () => void) {
  listeners.add(onChange);
  window.addEventListener("storage", onChange);
  return () => {
    listeners.delete(onChange);
    window.removeEventListener("storage", onChange);
  };
}

export const serverCart = () => EMPTY;
