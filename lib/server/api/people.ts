import "server-only";
import { buildPutBody, unappliedLicenses } from "@/lib/people/apply-changes";
import type { PeopleListQuery, PersonCreateBody, PersonPatchBody } from "@/lib/people/schemas";
import type { SessionUser } from "@/lib/server/session";
import type { WebexClient } from "@/lib/server/webex/client";
import type { Person, PersonUpdate } from "@/lib/server/webex/models";
import { decodePeopleCursor, encodePeopleCursor } from "./cursor";
import { apiDeps } from "./deps";
import { ApiError } from "./errors";

export interface PeoplePage {
  items: Person[];
  nextCursor: string | null;
}

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

export interface PersonWithLicenseCheck {
  person: Person;
  /** Requested license IDs the person does not hold afterwards (Webex may skip exhausted ones silently). */
  unappliedLicenses: string[];
}

/**
 * Safe update: PUT /people/{id} replaces the whole person, so the body is always the *current* object with
 * only the requested changes applied. A partial body is never sent.
 */
export async function patchPerson(webex: WebexClient, id: string, patch: PersonPatchBody): Promise<PersonWithLicenseCheck> {
  const current = await webex.getPerson(id);
  const body = buildPutBody(current, patch.changes) as PersonUpdate;
  if (typeof body.displayName !== "string" || body.displayName === "") {
    throw new ApiError(400, "A display name is required", { "changes.displayName": "Required" });
  }
  await webex.updatePerson(id, body);
  // Webex may apply only part of a PUT (licenses especially): report what it actually stored.
  const after = await webex.getPerson(id);
  return { person: after, unappliedLicenses: unappliedLicenses(patch.changes.licenses, after.licenses) };
}

export async function createPerson(webex: WebexClient, body: PersonCreateBody): Promise<PersonWithLicenseCheck> {
  const created = await webex.createPerson(body);
  return { person: created, unappliedLicenses: unappliedLicenses(body.licenses, created.licenses) };
}
