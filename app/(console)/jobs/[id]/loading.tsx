import Link from "next/link";
import { PageSkeleton } from "@/components/ui/page-skeleton";

export default function JobLoading() {
  const back = (
    <nav aria-label="Breadcrumb" className="text-sm">
      <Link href="/jobs" className="text-brand-600 hover:underline">Jobs</Link>
    </nav>
  );
  return <PageSkeleton back={back} label="Loading the job" layout="detail" />;
}
