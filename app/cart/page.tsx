import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";
import { isStaff } from "@/lib/auth/principal";
import { CartView } from "@/components/cart/cart-view";
import { PageHeader } from "@/components/ui/ui";

export const metadata: Metadata = { title: "Cart" };

export default async function CartPage() {
  const user = await requireUser("/cart");
  return (
    <>
      <PageHeader title="Cart" />
      <CartView staff={isStaff(user)} />
    </>
  );
}
