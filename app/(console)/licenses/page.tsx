import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Licenses" };

export default function LicensesPage() {
  return (
    <>
      <PageHeader title="Licenses" description="How many licenses are left, and who holds them." />
      <EmptyState title="Nothing to show yet">This view is being built.</EmptyState>
    </>
  );
}
