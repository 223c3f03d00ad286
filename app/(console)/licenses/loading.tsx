import { PageSkeleton } from "@/components/ui/page-skeleton";

export default function LicensesLoading() {
  return <PageSkeleton title="Licenses" description="How many licenses are left in each pool, and which need attention." label="Loading licenses" layout="dashboard" />;
}
