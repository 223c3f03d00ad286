import { PageSkeleton } from "@/components/ui/page-skeleton";

export default function OverviewLoading() {
  return <PageSkeleton title="Overview" description="Your Webex organization at a glance." label="Loading the overview" layout="cards" />;
}
