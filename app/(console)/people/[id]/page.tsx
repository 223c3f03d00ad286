import { HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { PersonPage } from "@/components/person/person-page";
import { webexIdSchema } from "@/lib/people/schemas";
import { consoleUser } from "@/lib/server/console-user";
import { prefetchPerson } from "@/lib/server/people/prefetch-person";

// One read per request, shared by the title and the page (no extra Webex call for the title).
const load = cache(async (raw: string) => {
  const id = decodeURIComponent(raw);
  if (!webexIdSchema.safeParse(id).success) return null;
  return { id, prefetch: await prefetchPerson(await consoleUser(), id) };
});

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const loaded = await load((await params).id);
  const name = loaded && !loaded.prefetch.notFound ? loaded.prefetch.name : null;
  return { title: name ? `${name} · People` : "Person · People" };
}

export default async function PersonRoute({ params }: { params: Promise<{ id: string }> }) {
  const user = await consoleUser();
  const loaded = await load((await params).id);
  if (!loaded || loaded.prefetch.notFound) notFound();
  const { id, prefetch } = loaded;
  return (
    <HydrationBoundary state={prefetch.state}>
      <PersonPage id={id} canWrite={user.canWrite} selfId={user.personId} />
    </HydrationBoundary>
  );
}
