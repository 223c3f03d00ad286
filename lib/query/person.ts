import { queryOptions, useMutation, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import type { FieldConflict } from "@/lib/people/apply-changes";
import type { CreatePersonResponse, EditResult, FailedSaveOutcome, SaveResult } from "@/lib/people/api-types";
import type { PersonDetail } from "@/lib/people/person-detail";
import type { PersonChanges, PersonCreateBody } from "@/lib/people/schemas";
import { activityKeys } from "./activity";
import { ApiRequestError, fetchApi, sendRaw, type ApiErrorBody } from "./fetch-api";
import { licensesKeys } from "./licenses";
import { peopleKeys } from "./people";

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

// Mutation hooks: each owns what its change does to the cache. They set `handlesSessionEnd`: their callers show a
// 401 themselves (a form must not leave the page with the admin's unsaved edits for sign-in).

/** A change to the person: their page shows `person` (Webex's answer); the directory, Activity and license counts reload. */
function personChanged(qc: QueryClient, id: string, person: PersonDetail) {
  qc.setQueryData(personKeys.detail(id), person);
  void qc.invalidateQueries({ queryKey: activityKeys.all });
  void qc.invalidateQueries({ queryKey: peopleKeys.all });
  void qc.invalidateQueries({ queryKey: licensesKeys.all }); // the license list and capacity (["licenses", …])
}

/** Adopts the person as Webex holds them now (read again after a failed save, which may have applied in part). */
export function usePersonChanged(id: string): (person: PersonDetail) => void {
  const qc = useQueryClient();
  return useCallback((person: PersonDetail) => personChanged(qc, id, person), [qc, id]);
}

type SaveBody = Parameters<typeof savePerson>[1];

/** Saves an edit made from `shown` (the person the form started from). */
export function useSavePersonMutation(id: string) {
  const qc = useQueryClient();
  return useMutation<EditResult, MutationError, { body: SaveBody; shown: PersonDetail }>({
    mutationFn: ({ body }) => savePerson(id, body),
    onSuccess: (result, { shown }) => personChanged(qc, id, personAfterEdit(result, shown)),
    meta: { handlesSessionEnd: true },
  });
}

/**
 * Deactivates (`enable: false`) or reactivates the person shown. On failure the page shows the person as Webex holds
 * them now: read again (unless it was a conflict), and the person the error carries, if any.
 */
export function useSignInMutation(id: string) {
  const qc = useQueryClient();
  return useMutation<EditResult, MutationError, { enable: boolean; person: PersonDetail }>({
    mutationFn: ({ enable, person }) =>
      savePerson(id, { changes: { loginEnabled: enable }, original: { loginEnabled: person.loginEnabled ?? true }, lastModified: person.lastModified }),
    onSuccess: (result, { person }) => personChanged(qc, id, personAfterEdit(result, person)),
    onError: async (err) => {
      if (err.status !== 409) await qc.refetchQueries({ queryKey: personKeys.detail(id), exact: true }).catch(() => undefined);
      if (err.person) qc.setQueryData(personKeys.detail(id), err.person);
    },
    meta: { handlesSessionEnd: true },
  });
}

/** Deletes the person; the directory and Activity reload. */
export function useDeletePersonMutation(id: string) {
  const qc = useQueryClient();
  return useMutation<{ alreadyDeleted: boolean }, MutationError>({
    mutationFn: () => deletePerson(id),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: peopleKeys.all });
      void qc.invalidateQueries({ queryKey: activityKeys.all });
    },
    meta: { handlesSessionEnd: true },
  });
}

/** Creates a person; the directory, Activity and license counts reload. */
export function useCreatePersonMutation() {
  const qc = useQueryClient();
  return useMutation<CreatePersonResponse, MutationError, PersonCreateBody>({
    mutationFn: (body) => createPerson(body),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: peopleKeys.all });
      void qc.invalidateQueries({ queryKey: activityKeys.all });
      void qc.invalidateQueries({ queryKey: licensesKeys.all });
    },
    meta: { handlesSessionEnd: true },
  });
}
