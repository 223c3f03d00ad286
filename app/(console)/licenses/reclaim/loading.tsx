import Link from "next/link";
import { PageSkeleton } from "@/components/ui/page-skeleton";

export default function ReclaimLoading() {
  const back = (
    <Link href="/licenses" className="text-sm font-medium text-brand-600 hover:underline">
      ← All licenses
    </Link>
  );
  return (
    <PageSkeleton
      back={back}
      title="Reclaim licenses"
      description="Licensed people who are deactivated, never accepted their invite, or have gone quiet."
      label="Loading reclaim candidates"
      layout="form"
    />
  );
}
