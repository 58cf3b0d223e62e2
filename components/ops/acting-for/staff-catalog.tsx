"use client";
import { useEffect } from "react";
import { useRouter } from "next/navigation";
import { useCart } from "@/components/cart/cart-context";
import { Catalog } from "@/components/catalog/catalog";
import { Card, EmptyState, PageHeader } from "@/components/ui/ui";

/** The catalog for staff: the company's, while they act for one; otherwise the ops board. */
export function StaffCatalog() {
  const { actingFor, ready } = useCart();
  const router = useRouter();
  useEffect(() => {
    if (ready && !actingFor) router.replace("/ops/orders");
  }, [ready, actingFor, router]);
  if (!ready || !actingFor)
    return (
      <Card>
        <EmptyState title="Opening the ops board…" />
      </Card>
    );
  return (
    <>
      <PageHeader title={`Catalog for ${actingFor.name}`} subtitle="The company's prices and live stock: what it would pay." />
      <Catalog productsPath={`/api/ops/companies/${encodeURIComponent(actingFor.id)}/products`} />
    </>
  );
}
