import "server-only";
import type { CreatePersonResponse } from "@/lib/people/api-types";
import type { PeoplePage } from "@/lib/people/person";
import type { PeopleListQuery, PersonCreateBody } from "@/lib/people/schemas";
import type { SessionUser } from "@/lib/server/session";
import type { WebexClient } from "@/lib/server/webex/client";
import type { Person } from "@/lib/server/webex/models";
import { createPersonOnce } from "@/lib/server/people/create-person";
import { decodePeopleCursor, encodePeopleCursor } from "./cursor";
import { apiDeps } from "./deps";
import { ApiError } from "./errors";

export async function listPeoplePage(webex: WebexClient, user: SessionUser, query: PeopleListQuery): Promise<PeoplePage> {
  const deps = apiDeps();
  const base = deps.webexApiBase();
  const secret = deps.cursorSecret();
  // A cursor carries the original filters (Webex's next link does), so the other query fields are ignored with it.
  const page = query.cursor
    ? await webex.listPeople({}, decodePeopleCursor(query.cursor, base, user.orgId, secret))
    : await webex.listPeople({
        email: query.email,
        displayName: query.displayName,
        roles: query.roles,
        locationId: query.locationId,
        max: query.max ?? 100,
      });
  let nextCursor: string | null = null;
  if (page.next) {
    try {
      nextCursor = encodePeopleCursor(page.next, base, user.orgId, secret);
    } catch {
      throw new ApiError(502, "Webex returned a paging link outside the configured API base");
    }
  }
  return { items: page.items, nextCursor };
}

/** Idempotent create (lib/server/people/create-person.ts). */
export async function createPerson(webex: WebexClient, user: SessionUser, body: PersonCreateBody): Promise<CreatePersonResponse<Person>> {
  return createPersonOnce(webex, user, body);
}
