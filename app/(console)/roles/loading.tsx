import { PageSkeleton } from "@/components/ui/page-skeleton";

export default function RolesLoading() {
  return <PageSkeleton title="Roles" description="Administrator roles and who holds them." label="Loading roles" layout="table" />;
}
