import { PageSkeleton } from "@/components/ui/page-skeleton";

export default function ChangesLoading() {
  return (
    <PageSkeleton
      title="Changes"
      description="What changed in Webex between two syncs of Roster's index: people added, removed, and each field changed, with Undo."
      label="Loading changes"
      layout="form"
    />
  );
}
