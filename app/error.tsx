"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { ApiErrorAlert } from "@/components/ui/api-error-alert";
import { buttonClass } from "@/components/ui/button";
import { describeRouteError, type RouteErrorProps } from "@/components/ui/route-error";
import { StandalonePage } from "@/components/ui/standalone-page";

/**
 * An error before a page's own error boundary could catch it: in the console's layout (the session could not be
 * re-checked with Webex, the database is unreachable), on the sign-in page. No shell: it is what failed.
 */
export default function AppError({ error, reset }: RouteErrorProps) {
  const router = useRouter();
  const [, startTransition] = useTransition();
  return (
    <StandalonePage title="Roster could not open this page">
      <ApiErrorAlert
        error={describeRouteError(error)}
        title="Something went wrong"
        onRetry={() =>
          startTransition(() => {
            router.refresh();
            reset();
          })
        }
      />
      <Link href="/" className={buttonClass("ghost", "md", "mt-4")}>
        ← Go to the overview
      </Link>
    </StandalonePage>
  );
}
