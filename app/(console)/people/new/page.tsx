import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import type { Metadata } from "next";
import Link from "next/link";
import { OnboardingForm } from "@/components/person/onboarding-form";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { makeQueryClient } from "@/lib/query/client";
import { webexForUser } from "@/lib/server/api/webex-for-user";
import { consoleUser } from "@/lib/server/console-user";
import { prefetchReferenceData } from "@/lib/server/reference/prefetch";

export const metadata: Metadata = { title: "Add person · People" };

export default async function NewPersonPage() {
  const user = await consoleUser();
  if (!user.canWrite) {
    return (
      <>
        <PageHeader title="Add person" />
        <EmptyState title="Your administrator role cannot add people">
          <p>Ask a full or user administrator to add them.</p>
          <Link href="/people" className={buttonClass("secondary", "md", "mt-4")}>
            Back to People
          </Link>
        </EmptyState>
      </>
    );
  }
  // Licenses, roles and locations arrive with the page, from the org's shared reference data (decision 012);
  // the form asks Webex for live capacity itself right before it creates anyone.
  const client = makeQueryClient({ server: true, staleTime: 15_000 });
  await prefetchReferenceData(client, user, webexForUser(user));
  return (
    <>
      <PageHeader title="Add person" description="Webex emails an activation link as soon as the person is created." />
      <HydrationBoundary state={dehydrate(client)}>
        <OnboardingForm />
      </HydrationBoundary>
    </>
  );
}
