import { PageSkeleton } from "@/components/ui/page-skeleton";

export default function NewPersonLoading() {
  return <PageSkeleton title="Add person" description="Webex emails an activation link as soon as the person is created." label="Loading the form" layout="form" />;
}
