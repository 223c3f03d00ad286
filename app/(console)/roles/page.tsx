import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Roles" };

export default function RolesPage() {
  return (
    <>
      <PageHeader title="Roles" description="Administrator roles and their members." />
      <EmptyState title="Nothing to show yet">This view is being built.</EmptyState>
    </>
  );
}
