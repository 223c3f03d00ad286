import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export default function JobNotFound() {
  return (
    <EmptyState title="This job was not found">
      <p>It may belong to another organization, or the link is incomplete.</p>
      <Link href="/jobs" className={buttonClass("secondary", "md", "mt-4")}>
        Back to Jobs
      </Link>
    </EmptyState>
  );
}
