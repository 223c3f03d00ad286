import { queryOptions } from "@tanstack/react-query";
import type { FieldConflict } from "@/lib/people/apply-changes";
import type { CreatePersonResponse, EditResult, FailedSaveOutcome, SaveResult } from "@/lib/people/api-types";
import type { PersonDetail } from "@/lib/people/person-detail";
import type { PersonChanges, PersonCreateBody } from "@/lib/people/schemas";
import { ApiRequestError, fetchApi, sendRaw, type ApiErrorBody } from "./fetch-api";

export const personKeys = {
  all: ["person"] as const,
  detail: (id: string) => [...personKeys.all, id] as const,
};

/** GET /api/people/:id (with Calling data). */
export const personOptions = (id: string) =>
  queryOptions({
    queryKey: personKeys.detail(id),
    queryFn: ({ signal }) => fetchApi<PersonDetail>(`/api/people/${encodeURIComponent(id)}`, { signal }),
    staleTime: 15_000,
  });

export type { CreatePersonResponse, EditResult, FailedSaveOutcome, SaveResult };

/**
 * An API error plus what mutations add: conflicts (409), the person as Webex holds it now, the duplicate's id, and
 * after a failed save what Webex applied of it (null: the person could not be read again).
 */
export class MutationError extends ApiRequestError {
  readonly conflicts?: FieldConflict[];
  readonly person?: PersonDetail | null;
  readonly existingId?: string;
  readonly outcome?: FailedSaveOutcome | null;

  constructor(
    body: ApiErrorBody["error"] & { conflicts?: FieldConflict[]; existingId?: string },
    person?: PersonDetail | null,
    outcome?: FailedSaveOutcome | null,
  ) {
    super(body);
    this.conflicts = body.conflicts;
    this.existingId = body.existingId;
    this.person = person;
    this.outcome = outcome;
  }
}

async function send<T>(method: "POST" | "PATCH" | "DELETE", path: string, body?: unknown): Promise<T> {
  let sent: Awaited<ReturnType<typeof sendRaw>>;
  try {
    sent = await sendRaw(method, path, body);
  } catch (err) {
    throw new MutationError({ status: 0, message: (err as Error).message });
  }
  const { res, json } = sent;
  if (res.status === 204) return undefined as T;
  if (!res.ok) {
    const err = json && typeof json === "object" && "error" in json ? (json as ApiErrorBody & { person?: PersonDetail | null; outcome?: FailedSaveOutcome | null }) : null;
    if (err) throw new MutationError({ ...err.error, status: err.error.status || res.status }, err.person, err.outcome);
    throw new MutationError({ status: res.status, message: `Roster answered ${res.status} ${res.statusText}`.trim() });
  }
  return json as T;
}

export const savePerson = (id: string, body: { changes: PersonChanges; original: Record<string, unknown>; lastModified?: string }) =>
  send<EditResult>("PATCH", `/api/people/${encodeURIComponent(id)}`, body);

/** The person the page shows after an edit: Webex's answer, or the person as read with Webex's licenses. */
export function personAfterEdit(result: EditResult, shown: PersonDetail): PersonDetail {
  return result.person ?? { ...shown, licenses: result.licenses ?? shown.licenses };
}

/** Resolves `{alreadyDeleted: true}` when Webex no longer had the person (deleted by a retry or someone else). */
export const deletePerson = async (id: string): Promise<{ alreadyDeleted: boolean }> => {
  const out = await send<{ alreadyDeleted?: boolean } | undefined>("DELETE", `/api/people/${encodeURIComponent(id)}`);
  return { alreadyDeleted: out?.alreadyDeleted === true };
};

/** `webexError`: with `recovered`, the error Webex answered although it created the person (what went wrong). */
export const createPerson = (body: PersonCreateBody) =>
  send<CreatePersonResponse>("POST", "/api/people", body);

/** The person with this exact email, if any (GET /api/people?email=). */
export async function findPersonByEmail(email: string, signal?: AbortSignal): Promise<PersonDetail | null> {
  const page = await fetchApi<{ items: PersonDetail[] }>(`/api/people?email=${encodeURIComponent(email)}`, { signal });
  return page.items[0] ?? null;
}
