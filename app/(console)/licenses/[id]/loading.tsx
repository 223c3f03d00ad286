import Link from "next/link";
import { PageSkeleton } from "@/components/ui/page-skeleton";

export default function LicenseLoading() {
  const back = (
    <Link href="/licenses" className="text-sm font-medium text-brand-600 hover:underline">
      ← All licenses
    </Link>
  );
  return <PageSkeleton back={back} label="Loading the license" layout="detail" />;
}
