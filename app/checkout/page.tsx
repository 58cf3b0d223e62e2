import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";
import { isStaff } from "@/lib/auth/principal";
import { CheckoutForm, type SavedAddressOption } from "@/components/checkout/checkout-form";
import { can } from "@/lib/auth/permissions";
import { listCompanyAddresses } from "@/lib/account/company-settings";
import { PageHeader } from "@/components/ui/ui";

export const metadata: Metadata = { title: "Checkout" };

export default async function CheckoutPage() {
  const user = await requireUser("/checkout");
  // The company's saved addresses, default first (who may order may read them).
  const saved: SavedAddressOption[] =
    user.companyId && can(user, "orders:write")
      ? (await listCompanyAddresses(user)).map((a) => ({
          id: a.id,
          label: a.label,
          isDefault: a.isDefault,
          address: a.address as Record<string, string | null>,
        }))
      : [];
  return (
    <>
      <PageHeader title="Checkout" subtitle="Prices and stock are confirmed by the server when you place the order." />
      <CheckoutForm userId={user.userId} saved={saved} staff={isStaff(user)} />
    </>
  );
}
