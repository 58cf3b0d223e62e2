"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { apiFetch, redirectToLogin } from "@/lib/web/api-client";
import { endAttempt, keyForAttempt } from "@/lib/web/checkout-attempt";
import { formatMoney } from "@/lib/web/format";
import { fieldsFromIssues } from "@/lib/errors";
import { placeOrderSchema } from "@/lib/orders/schemas";
import { placeOrderProblems, type PlaceOrderProblems } from "@/lib/web/order-errors";
import type { OrderDto } from "@/lib/orders/order-dto";
import type { ShippingAddress } from "@/lib/web/types";
import { AddressFields } from "./address-fields";
import { useCart } from "@/components/cart/cart-context";
import { CartLines } from "@/components/cart/cart-lines";
import { StaffWithoutCompany } from "@/components/cart/cart-view";
import { FormField } from "@/components/ui/form-field";
import { Alert, Card, EmptyState, btn, inputClass, ScrollX } from "@/components/ui/ui";

const EMPTY: ShippingAddress = { name: "", company: "", line1: "", line2: "", city: "", region: "", postalCode: "", country: "", phone: "" };

const REQUIRED = new Set(["name", "line1", "city", "postalCode", "country"]);

/**
 * Required fields are sent even when empty (so the message is "Required");
 * empty optional ones are left out, since "" is not a valid phone number.
 */
function compact(o: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(o)
      .map(([k, v]): [string, string] => [k, v.trim()])
      .filter(([k, v]) => v !== "" || REQUIRED.has(k)),
  );
}

export type SavedAddressOption = { id: string; label: string; isDefault: boolean; address: Record<string, string | null> };

/** A saved address as the form's fields (nulls as empty strings). */
const fromSaved = (a: SavedAddressOption["address"]): ShippingAddress => Object.fromEntries(Object.keys(EMPTY).map((k) => [k, a[k] ?? ""])) as ShippingAddress;

export function CheckoutForm({ userId, saved = [], staff = false }: { userId: string; saved?: SavedAddressOption[]; staff?: boolean }) {
  const router = useRouter();
  const cart = useCart();
  const preset = saved.find((a) => a.isDefault);
  const [address, setAddress] = useState<ShippingAddress>(preset ? fromSaved(preset.address) : EMPTY);
  const [reference, setReference] = useState("");
  const [notes, setNotes] = useState("");
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [pending, setPending] = useState(false);
  const [placed, setPlaced] = useState<string | null>(null);

  const edit = (path: string) => setFieldErrors(({ [path]: _gone, ...rest }) => rest);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (pending) return;
    const payload = {
      items: cart.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })),
      shippingAddress: compact(address),
      ...compact({ reference, notes }),
    };
    const skus = payload.items.map((i) => i.sku);
    // the same zod schema the route handler uses: obvious mistakes never leave the browser
    const local = placeOrderSchema.safeParse(payload);
    if (!local.success) {
      showProblems(placeOrderProblems({ code: "validation_failed", message: "Request is invalid", fields: fieldsFromIssues(local.error.issues) }, skus));
      return;
    }
    const body = JSON.stringify(payload);
    const key = keyForAttempt(userId, body);
    setPending(true);
    setGeneral([]);
    // Staff acting for a company place it through the ops route (recorded as placed on its behalf).
    const acting = cart.actingFor;
    const url = acting ? `/api/ops/companies/${encodeURIComponent(acting.id)}/orders` : "/api/orders";
    const res = await apiFetch<OrderDto>(url, { method: "POST", body, headers: { "Idempotency-Key": key } });
    if (res.ok) {
      endAttempt(userId);
      setPlaced(res.data.number);
      cart.clear();
      router.push(`${acting ? "/ops/orders" : "/orders"}/${encodeURIComponent(res.data.id)}`);
      return;
    }
    setPending(false);
    if (res.status === 401) return redirectToLogin();
    if (res.status === 0 || res.status >= 500 || res.status === 429) {
      // outcome unknown or not processed: keep the key so a retry cannot double-order
      const wait = res.retryAfter ? ` Try again in ${res.retryAfter} s.` : " Placing the order again is safe: it will not be duplicated.";
      setGeneral([res.error.message + wait]);
      return;
    }
    endAttempt(userId); // a definite refusal: the next submit is a new attempt
    showProblems(placeOrderProblems(res.error, skus));
  }

  function showProblems(problems: PlaceOrderProblems) {
    setFieldErrors(problems.fields);
    cart.setLineErrors(problems.lines);
    const summary = Object.keys(problems.fields).length || Object.keys(problems.lines).length ? ["Please fix the highlighted items."] : [];
    setGeneral([...problems.general, ...summary]);
  }

  if (placed) return <Alert tone="success">Order {placed} placed. Opening it…</Alert>;
  if (!cart.ready)
    return (
      <Card>
        <EmptyState title="Loading cart…" />
      </Card>
    );
  if (staff && !cart.actingFor) return <StaffWithoutCompany />;
  if (cart.lines.length === 0) {
    return (
      <Card>
        <EmptyState title="Your cart is empty">
          <Link href="/" className="text-sky-700 hover:underline">
            Browse the catalog
          </Link>
        </EmptyState>
      </Card>
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" data-testid="checkout-form">
      {general.length ? (
        <Alert testId="checkout-error">
          {general.map((g) => (
            <p key={g}>{g}</p>
          ))}
        </Alert>
      ) : null}
      <Card
        title="Items"
        actions={
          <Link href="/cart" className="text-xs text-sky-700 hover:underline">
            Edit cart
          </Link>
        }
      >
        <ScrollX>
          <CartLines />
        </ScrollX>
      </Card>
      <Card title="Shipping address">
        <div className="space-y-3 p-4">
          {saved.length > 0 ? (
            <div>
              <label htmlFor="saved-address" className="mb-1 block text-[13px] font-medium text-slate-700">
                Saved address
              </label>
              <select
                id="saved-address"
                data-testid="saved-address"
                defaultValue={preset?.id ?? ""}
                className={`${inputClass} max-w-sm`}
                onChange={(e) => {
                  const a = saved.find((x) => x.id === e.target.value);
                  setAddress(a ? fromSaved(a.address) : EMPTY);
                  setFieldErrors({});
                }}
              >
                <option value="">A new address…</option>
                {saved.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.label}
                    {a.isDefault ? " (default)" : ""}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          <AddressFields
            value={address}
            errors={fieldErrors}
            onChange={(k, v) => {
              setAddress((a) => ({ ...a, [k]: v }));
              edit(`shippingAddress.${k}`);
            }}
          />
        </div>
      </Card>
      <Card title="Order details">
        <div className="grid grid-cols-1 gap-4 p-4 sm:grid-cols-2">
          <FormField
            id="reference"
            name="reference"
            path="reference"
            label="Reference (PO number)"
            maxLength={100}
            value={reference}
            error={fieldErrors.reference}
            onChange={(e) => {
              setReference(e.target.value);
              edit("reference");
            }}
          />
          <div>
            <label htmlFor="notes" className="mb-1 block text-[13px] font-medium text-slate-700">
              Notes <span className="font-normal text-slate-500">(optional)</span>
            </label>
            <textarea
              id="notes"
              name="notes"
              rows={2}
              maxLength={1000}
              value={notes}
              aria-invalid={fieldErrors.notes ? true : undefined}
              onChange={(e) => {
                setNotes(e.target.value);
                edit("notes");
              }}
              className={inputClass}
            />
            {fieldErrors.notes ? (
              <p data-testid="field-error-notes" className="mt-1 text-xs text-red-700">
                {fieldErrors.notes}
              </p>
            ) : null}
          </div>
        </div>
      </Card>
      <div className="flex items-center justify-end gap-4">
        <span className="text-sm text-slate-600">
          Subtotal <strong className="tabular-nums text-slate-900">{formatMoney(cart.subtotal)}</strong>
        </span>
        <button type="submit" className={btn.primary} disabled={pending} data-testid="place-order">
          {pending ? "Placing order…" : "Place order"}
        </button>
      </div>
    </form>
  );
}
