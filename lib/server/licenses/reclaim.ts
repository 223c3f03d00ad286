import "server-only";
import { ApiError } from "@/lib/server/api/errors";
import type { Db } from "@/lib/server/db";
import { PersonConflictError, UpdateFailedError, safeUpdatePerson } from "@/lib/server/people/safe-update";
import type { SessionUser } from "@/lib/server/session";
import type { WebexClient } from "@/lib/server/webex/client";
import { isWebexError } from "@/lib/server/webex/errors";
import { forgetReclaimed } from "./reclaim-scan";

export interface ReclaimItem {
  personId: string;
  licenseIds: string[];
}

export type ReclaimOutcome = "removed" | "skipped" | "failed";

export interface ReclaimPersonResult {
  personId: string;
  displayName: string | null;
  email: string | null;
  outcome: ReclaimOutcome;
  /** Licenses taken away. */
  removed: string[];
  /** Requested licenses the person no longer held (someone else already removed them). */
  notHeld: string[];
  message: string | null;
  trackingId: string | null;
}

/** How many people one request may reclaim from; the browser sends larger selections in batches. */
export const RECLAIM_BATCH_MAX = 25;

/**
 * Removes the chosen licenses from each person through the safe edit path (GET the current person, change only
 * `licenses`, PUT the whole object, GET again), one person at a time, and says per person what happened.
 * Never throws for one person's failure: the others still go ahead. The safe path records each change in the
 * audit trail.
 */
export async function reclaimLicenses(db: Db, webex: WebexClient, user: SessionUser, items: readonly ReclaimItem[]): Promise<ReclaimPersonResult[]> {
  const results: ReclaimPersonResult[] = [];
  for (const item of items) results.push(await reclaimOne(webex, user, item));
  const removed = new Map(results.filter((r) => r.removed.length || r.notHeld.length).map((r) => [r.personId, [...r.removed, ...r.notHeld]]));
  await forgetReclaimed(db, user.orgId, removed);
  return results;
}

async function reclaimOne(webex: WebexClient, user: SessionUser, item: ReclaimItem): Promise<ReclaimPersonResult> {
  const base = { personId: item.personId, displayName: null, email: null, removed: [], notHeld: [], message: null, trackingId: null };
  try {
    const current = await webex.getPerson(item.personId);
    const held = current.licenses ?? [];
    const who = { displayName: current.displayName ?? null, email: current.emails?.[0] ?? null };
    const wanted = new Set(item.licenseIds);
    const toRemove = held.filter((l) => wanted.has(l));
    const notHeld = item.licenseIds.filter((l) => !held.includes(l));
    if (!toRemove.length) {
      return { ...base, ...who, notHeld, outcome: "skipped", message: "Already holds none of these licenses: nothing to change." };
    }
    // `original` makes the safe path refuse (409) if the licenses changed in Webex since the read above; it
    // also records the change in the audit trail.
    const { person: after } = await safeUpdatePerson(webex, user, item.personId, {
      changes: { licenses: held.filter((l) => !wanted.has(l)) },
      original: { licenses: held },
    });
    const still = toRemove.filter((l) => after.licenses?.includes(l));
    if (still.length) {
      return {
        ...base,
        ...who,
        notHeld,
        removed: toRemove.filter((l) => !still.includes(l)),
        outcome: "failed",
        message: `Webex kept ${still.length} of the licenses. Open the person and check their licenses.`,
      };
    }
    return { ...base, ...who, notHeld, removed: toRemove, outcome: "removed" };
  } catch (caught) {
    if (caught instanceof PersonConflictError) {
      return { ...base, outcome: "failed", message: "Their licenses changed in Webex while you were reviewing. Scan again and retry." };
    }
    const err = caught instanceof UpdateFailedError ? caught.cause : caught;
    if (isWebexError(err)) {
      const message = err.status === 404 ? "This person no longer exists in Webex." : err.message;
      return { ...base, outcome: "failed", message, trackingId: err.trackingId };
    }
    if (err instanceof ApiError) return { ...base, outcome: "failed", message: err.message };
    console.error("reclaim failed", err);
    return { ...base, outcome: "failed", message: "Unexpected error; nothing is known to have changed. Try again." };
  }
}
