import { PageSkeleton } from "@/components/ui/page-skeleton";

export default function ActivityLoading() {
  return (
    <PageSkeleton
      title="Activity"
      description="Every change made through Roster: who, what, and the exact field-level difference."
      label="Loading activity"
      layout="form"
    />
  );
}
