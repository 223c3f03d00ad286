import { PageSkeleton } from "@/components/ui/page-skeleton";

export default function JobsLoading() {
  return (
    <PageSkeleton
      title="Jobs"
      description="Bulk work runs here, on the server: it goes on when you close the page, and its results stay."
      label="Loading jobs"
      layout="table"
    />
  );
}
