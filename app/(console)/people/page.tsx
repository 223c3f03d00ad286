import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "People" };

export default function PeoplePage() {
  return (
    <>
      <PageHeader title="People" description="Everyone in your Webex organization." />
      <EmptyState title="Nothing to show yet">This view is being built.</EmptyState>
    </>
  );
}
