// A license change Webex did not carry out (PATCH /licenses/users answered 206, or 400 for all of them), as the
// person page shows it: by name, with why. Shared by the server (lib/server/people/license-update.ts) and the page.

export interface RefusedLicense {
  id: string;
  /** The license's name as Webex lists it now (its ID when the list could not be read). */
  name: string;
  operation: "add" | "remove";
  /** Why, from Webex's errorCode or message, or from the pool's counts after a 206. */
  reason: string;
}

/** "Webex Webinars was not assigned: no free units left …" — one sentence per license. */
export function describeRefused(refused: readonly RefusedLicense[]): string[] {
  return refused.map((r) => `${r.name} was not ${r.operation === "add" ? "assigned" : "removed"}: ${r.reason}.`);
}
