import { Skeleton } from "@/components/ui/skeleton";

export default function JobLoading() {
  return (
    <div className="space-y-4" aria-busy="true" aria-label="Loading the job">
      <Skeleton className="h-8 w-40" />
      <Skeleton className="h-64 w-full" />
    </div>
  );
}
