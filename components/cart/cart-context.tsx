"use client";
import { createContext, useCallback, useContext, useMemo, useState, useSyncExternalStore, type ReactNode } from "react";
import { readCart, serverCart, subscribeCart, writeCart } from "./cart-store";
import { readActingFor, serverActingFor, subscribeActingFor, writeActingFor, type ActingFor } from "@/components/ops/acting-for/acting-for-store";
import { formatCents, toCents } from "@/lib/money";
import type { Product } from "@/lib/web/types";

/** What the cart remembers of a product: enough to show the line without refetching. */
export type CartLine = Pick<Product, "sku" | "name" | "grade" | "storage" | "color" | "price" | "stock"> & { quantity: number };

type CartState = {
  lines: CartLine[];
  /** false until localStorage has been read: pages must not treat the cart as empty before. */
  ready: boolean;
  count: number;
  subtotal: string;
  /** Per-SKU problems the server reported at checkout (out of stock, unknown SKU). */
  lineErrors: Record<string, string>;
  add: (p: Product, quantity: number) => void;
  setQuantity: (sku: string, quantity: number) => void;
  remove: (sku: string) => void;
  clear: () => void;
  setLineErrors: (errors: Record<string, string>) => void;
  /** Staff ordering for a company (its own cart, checkout through the ops route); null otherwise. */
  actingFor: ActingFor | null;
  startActingFor: (company: ActingFor) => void;
  stopActingFor: () => void;
};

const CartContext = createContext<CartState | null>(null);
const MAX_QTY = 9999;

function clampQty(n: number) {
  return Math.max(1, Math.min(MAX_QTY, Math.floor(Number.isFinite(n) ? n : 1)));
}

/**
 * The cart lives in localStorage, keyed by user so two people sharing a
 * browser never see each other's cart; other tabs follow via `storage` events.
 */
export function CartProvider({ userId, children }: { userId: string | null; children: ReactNode }) {
  const actingFor = useSyncExternalStore(subscribeActingFor, () => readActingFor(userId), serverActingFor);
  // Acting for a company, staff fill a cart of that company's (never mixed with another's).
  const key = `cart:v1:${userId ?? "anon"}${actingFor ? `:for:${actingFor.id}` : ""}`;
  const lines = useSyncExternalStore(subscribeCart, () => readCart(key), serverCart);
  const ready = useSyncExternalStore(
    subscribeCart,
    () => true,
    () => false,
  );
  const [lineErrors, setLineErrorsState] = useState<Record<string, string>>({});

  const commit = useCallback((update: (prev: CartLine[]) => CartLine[]) => writeCart(key, update(readCart(key))), [key]);

  const dropError = useCallback((sku: string) => {
    setLineErrorsState((prev) => {
      if (!(sku in prev)) return prev;
      const { [sku]: _dropped, ...rest } = prev;
      return rest;
    });
  }, []);

  const value = useMemo<CartState>(() => {
    const cents = lines.reduce((sum, l) => sum + toCents(l.price) * l.quantity, 0);
    return {
      lines,
      ready,
      count: lines.reduce((n, l) => n + l.quantity, 0),
      subtotal: formatCents(cents),
      lineErrors,
      add: (p, quantity) => {
        dropError(p.sku);
        commit((prev) => {
          const existing = prev.find((l) => l.sku === p.sku);
          const fresh = { sku: p.sku, name: p.name, grade: p.grade, storage: p.storage, color: p.color, price: p.price, stock: p.stock };
          // never more than the catalog row just seen has in stock (the row's button says so first)
          const cap = (n: number) => Math.min(clampQty(n), Math.max(1, p.stock));
          if (!existing) return [...prev, { ...fresh, quantity: cap(quantity) }];
          // refresh price/stock from the catalog row just seen
          return prev.map((l) => (l.sku === p.sku ? { ...fresh, quantity: cap(l.quantity + quantity) } : l));
        });
      },
      setQuantity: (sku, quantity) => {
        dropError(sku);
        commit((prev) => prev.map((l) => (l.sku === sku ? { ...l, quantity: clampQty(quantity) } : l)));
      },
      remove: (sku) => {
        dropError(sku);
        commit((prev) => prev.filter((l) => l.sku !== sku));
      },
      clear: () => {
        setLineErrorsState({});
        commit(() => []);
      },
      setLineErrors: setLineErrorsState,
      actingFor,
      startActingFor: (company) => {
        if (userId) writeActingFor(userId, company);
      },
      stopActingFor: () => {
        if (userId) writeActingFor(userId, null);
      },
    };
  }, [lines, ready, lineErrors, commit, dropError, actingFor, userId]);

  return <CartContext.Provider value={value}>{children}</CartContext.Provider>;
}

export function useCart(): CartState {
  const ctx = useContext(CartContext);
  if (!ctx) throw new Error("useCart must be used inside <CartProvider>");
  return ctx;
}
