import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export default function PersonNotFound() {
  return (
    <EmptyState title="This person was not found">
      <p>They may have been deleted, or the link is incomplete.</p>
      <Link href="/people" className={buttonClass("secondary", "md", "mt-4")}>
        Back to People
      </Link>
    </EmptyState>
  );
}
