"use client";
import type { ShippingAddress } from "@/lib/web/types";
import { FormField } from "@/components/ui/form-field";

type Field = { key: keyof ShippingAddress; label: string; required?: boolean; autoComplete: string; wide?: boolean; hint?: string };

const FIELDS: Field[] = [
  { key: "name", label: "Name", required: true, autoComplete: "shipping name" },
  { key: "company", label: "Company", autoComplete: "shipping organization" },
  { key: "line1", label: "Address line 1", required: true, autoComplete: "shipping address-line1", wide: true },
  { key: "line2", label: "Address line 2", autoComplete: "shipping address-line2", wide: true },
  { key: "city", label: "City", required: true, autoComplete: "shipping address-level2" },
  { key: "region", label: "Region / state", autoComplete: "shipping address-level1" },
  { key: "postalCode", label: "Postal code", required: true, autoComplete: "shipping postal-code" },
  { key: "country", label: "Country", required: true, autoComplete: "shipping country", hint: "2-letter code, e.g. US" },
  { key: "phone", label: "Phone", autoComplete: "shipping tel" },
];

type Props = {
  value: ShippingAddress;
  errors: Record<string, string>;
  onChange: (key: keyof ShippingAddress, v: string) => void;
};

/** The shipping address block; the server validates, errors come back per field. */
export function AddressFields({ value, errors, onChange }: Props) {
  return (
    <div className="grid grid-cols-1 gap-x-4 gap-y-3 sm:grid-cols-2">
      {FIELDS.map((f) => {
        const path = `shippingAddress.${f.key}`;
        const isCountry = f.key === "country";
        return (
          <FormField
            key={f.key}
            id={`ship-${f.key}`}
            name={f.key}
            path={path}
            label={f.label}
            hint={f.hint}
            required={f.required}
            autoComplete={f.autoComplete}
            className={f.wide ? "sm:col-span-2" : ""}
            type={f.key === "phone" ? "tel" : "text"}
            maxLength={isCountry ? 2 : 200}
            value={value[f.key]}
            error={errors[path]}
            onChange={(e) => onChange(f.key, isCountry ? e.target.value.toUpperCase() : e.target.value)}
          />
        );
      })}
    </div>
  );
}
