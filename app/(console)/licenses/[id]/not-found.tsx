import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export default function LicenseNotFound() {
  return (
    <EmptyState title="This license was not found">
      <p>It may have ended with its subscription, belong to another organization, or the link is incomplete.</p>
      <Link href="/licenses" className={buttonClass("secondary", "md", "mt-4")}>
        Back to Licenses
      </Link>
    </EmptyState>
  );
}
