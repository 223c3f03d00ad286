import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Activity" };

export default function ActivityPage() {
  return (
    <>
      <PageHeader title="Activity" description="Every change made through Roster." />
      <EmptyState title="Nothing to show yet">This view is being built.</EmptyState>
    </>
  );
}
