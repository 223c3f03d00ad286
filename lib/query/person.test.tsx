import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import { act } from "react";
import { createRoot } from "react-dom/client";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { PersonDetail } from "@/lib/people/person-detail";
import { activityKeys } from "./activity";
import { makeQueryClient } from "./client";
import { licensesKeys } from "./licenses";
import { peopleKeys } from "./people";
import { MutationError, personKeys, useDeletePersonMutation, useSavePersonMutation, useSignInMutation } from "./person";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

afterEach(() => vi.unstubAllGlobals());

/** Runs `hook` inside a provider of `client` and hands back what it returned. */
function mount<T>(client: QueryClient, hook: () => T): { current: () => T; unmount: () => void } {
  let value: T;
  function Probe() {
    value = hook();
    return null;
  }
  const root = createRoot(document.createElement("div"));
  act(() =>
    root.render(
      <QueryClientProvider client={client}>
        <Probe />
      </QueryClientProvider>,
    ),
  );
  return { current: () => value, unmount: () => act(() => root.unmount()) };
}

const ada: PersonDetail = { id: "p1", displayName: "Ada", emails: ["ada@acme.example"], loginEnabled: true, lastModified: "2026-01-01T00:00:00Z" };

/** A client whose person, directory, Activity and license list are cached (fresh). */
function seeded() {
  const client = makeQueryClient();
  client.setQueryData(personKeys.detail("p1"), ada);
  client.setQueryData(peopleKeys.list({ max: 100 }), { items: [ada], nextCursor: null });
  client.setQueryData(activityKeys.list({}), { items: [], nextCursor: null });
  client.setQueryData(licensesKeys.all, { items: [] });
  return client;
}
const stale = (client: QueryClient) => ({
  people: client.getQueryState(peopleKeys.list({ max: 100 }))?.isInvalidated,
  activity: client.getQueryState(activityKeys.list({}))?.isInvalidated,
  licenses: client.getQueryState(licensesKeys.all)?.isInvalidated,
});

const answer = (status: number, body: unknown) => vi.fn(async () => Response.json(body, { status }));

describe("person mutation hooks", () => {
  it("a saved edit shows Webex's answer and reloads the directory, Activity and license counts", async () => {
    const client = seeded();
    const fetch = answer(200, { person: { ...ada, title: "Engineer" }, changes: [], unappliedLicenses: [] });
    vi.stubGlobal("fetch", fetch);
    const hook = mount(client, () => useSavePersonMutation("p1"));
    await act(() => hook.current().mutateAsync({ body: { changes: { title: "Engineer" }, original: {} }, shown: ada }));
    expect(fetch).toHaveBeenCalledWith("/api/people/p1", expect.objectContaining({ method: "PATCH" }));
    expect(client.getQueryData<PersonDetail>(personKeys.detail("p1"))?.title).toBe("Engineer");
    expect(stale(client)).toEqual({ people: true, activity: true, licenses: true });
    hook.unmount();
  });

  it("a failed deactivation shows the person the error carries, and its 401 stays on the page", async () => {
    const client = seeded();
    const assign = vi.fn();
    vi.stubGlobal("location", { pathname: "/people/p1", search: "", assign });
    const current = { ...ada, displayName: "Ada L." };
    vi.stubGlobal("fetch", answer(409, { error: { status: 409, message: "changed", code: "Conflict", conflicts: [] }, person: current }));
    const hook = mount(client, () => useSignInMutation("p1"));
    const err = await act(() => hook.current().mutateAsync({ enable: false, person: ada }).catch((e: unknown) => e));
    expect(err).toBeInstanceOf(MutationError);
    expect(client.getQueryData<PersonDetail>(personKeys.detail("p1"))?.displayName).toBe("Ada L.");
    expect(stale(client)).toEqual({ people: false, activity: false, licenses: false });

    vi.stubGlobal("fetch", answer(401, { error: { status: 401, message: "Your session has ended" } }));
    await act(() => hook.current().mutateAsync({ enable: false, person: ada }).catch(() => undefined));
    expect(assign).not.toHaveBeenCalled();
    hook.unmount();
  });

  it("a deletion reloads the directory and Activity", async () => {
    const client = seeded();
    vi.stubGlobal("fetch", vi.fn(async () => new Response(null, { status: 204 })));
    const hook = mount(client, () => useDeletePersonMutation("p1"));
    await expect(act(() => hook.current().mutateAsync())).resolves.toEqual({ alreadyDeleted: false });
    expect(stale(client)).toEqual({ people: true, activity: true, licenses: false });
    hook.unmount();
  });
});
