import { PageSkeleton } from "@/components/ui/page-skeleton";

export default function ImportLoading() {
  return (
    <PageSkeleton
      title="Import people"
      description="Add and update people from a CSV file. You see what each row would do before anything is written."
      label="Loading the import"
      layout="form"
    />
  );
}
