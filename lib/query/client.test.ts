import { MutationObserver } from "@tanstack/react-query";
import { afterEach, describe, expect, it, vi } from "vitest";
import { makeQueryClient } from "./client";
import { ApiRequestError } from "./fetch-api";

const err = (status: number, retryAfterSeconds?: number) => new ApiRequestError({ status, message: `answered ${status}`, retryAfterSeconds });

/** A queryFn that fails with `errors` in turn, then answers "ok"; `calls` counts the attempts. */
function failing(...errors: ApiRequestError[]) {
  const fn = Object.assign(
    async () => {
      fn.calls += 1;
      const e = errors[fn.calls - 1];
      if (e) throw e;
      return "ok";
    },
    { calls: 0 },
  );
  return fn;
}

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe("makeQueryClient", () => {
  it("in the browser, retries a busy 503 after its Retry-After and then shows the data", async () => {
    vi.useFakeTimers();
    const client = makeQueryClient();
    const queryFn = failing(err(503, 2), err(503, 2));
    const result = client.fetchQuery({ queryKey: ["busy"], queryFn });
    await vi.advanceTimersByTimeAsync(1_999);
    expect(queryFn.calls).toBe(1); // waits the Retry-After before asking again
    await vi.advanceTimersByTimeAsync(2_001);
    await expect(result).resolves.toBe("ok");
    expect(queryFn.calls).toBe(3);
  });

  it("in the browser, shows a 4xx or a 503 without Retry-After at once", async () => {
    const client = makeQueryClient();
    const notFound = failing(err(404));
    await expect(client.fetchQuery({ queryKey: ["gone"], queryFn: notFound })).rejects.toMatchObject({ status: 404 });
    expect(notFound.calls).toBe(1);
    const down = failing(err(503));
    await expect(client.fetchQuery({ queryKey: ["down"], queryFn: down })).rejects.toMatchObject({ status: 503 });
    expect(down.calls).toBe(1);
  });

  it("on the server, never retries (the Webex client already did; the browser asks again)", async () => {
    const client = makeQueryClient({ server: true });
    const busy = failing(err(503, 1), err(503, 1));
    await expect(client.fetchQuery({ queryKey: ["busy"], queryFn: busy })).rejects.toMatchObject({ status: 503 });
    expect(busy.calls).toBe(1);
    const offline = failing(err(0));
    await expect(client.fetchQuery({ queryKey: ["offline"], queryFn: offline })).rejects.toMatchObject({ status: 0 });
    expect(offline.calls).toBe(1);
  });

  it("in the browser, a 401 goes to sign-in unless the mutation shows it itself", async () => {
    const assign = vi.fn();
    vi.stubGlobal("location", { pathname: "/people/p1", search: "?x=1", assign });
    const client = makeQueryClient();
    const run = (meta?: { handlesSessionEnd?: boolean }) =>
      new MutationObserver(client, { mutationFn: async () => Promise.reject(err(401)), meta }).mutate().catch(() => undefined);
    await run({ handlesSessionEnd: true });
    expect(assign).not.toHaveBeenCalled();
    await run();
    expect(assign).toHaveBeenCalledWith(`/signin?error=SessionExpired&callbackUrl=${encodeURIComponent("/people/p1?x=1")}`);
  });
});
