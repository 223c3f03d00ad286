import { PeopleTableSkeleton, PeopleToolbarSkeleton } from "@/components/people/people-skeleton";
import { PageHeader } from "@/components/ui/page-header";

export default function PeopleLoading() {
  return (
    <>
      <PageHeader title="People" description="Everyone in your Webex organization." />
      <PeopleToolbarSkeleton />
      <PeopleTableSkeleton />
    </>
  );
}
