import { HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PersonPage } from "@/components/person/person-page";
import { webexIdSchema } from "@/lib/people/schemas";
import { consoleUser } from "@/lib/server/console-user";
import { prefetchPerson } from "@/lib/server/people/prefetch-person";

export const metadata: Metadata = { title: "Person" };

export default async function PersonRoute({ params }: { params: Promise<{ id: string }> }) {
  const user = await consoleUser();
  const { id: raw } = await params;
  const id = decodeURIComponent(raw);
  if (!webexIdSchema.safeParse(id).success) notFound();
  const prefetch = await prefetchPerson(user, id);
  if (prefetch.notFound) notFound();
  return (
    <HydrationBoundary state={prefetch.state}>
      <PersonPage id={id} canWrite={user.canWrite} selfId={user.personId} />
    </HydrationBoundary>
  );
}
