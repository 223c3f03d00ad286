import "server-only";
import { randomUUID } from "node:crypto";
import type { JobPreview, PoolCheck } from "@/lib/jobs/api-types";
import { jobLabel, needsLicense, needsRole } from "@/lib/jobs/kinds";
import { countReasons, planItem, SKIP } from "@/lib/jobs/plan";
import { MAX_JOB_ITEMS, type PreviewBody, type ReclaimJobBody } from "@/lib/jobs/schemas";
import { isCallingLicense } from "@/lib/people/capacity";
import { ApiError } from "@/lib/server/api/errors";
import type { Db } from "@/lib/server/db";
import type { SessionUser } from "@/lib/server/session";
import type { WebexClient } from "@/lib/server/webex/client";
import { readTarget, walkPeople } from "@/lib/server/import/directory";
import { matchesFilter } from "@/lib/directory/filter";
import { getDirectory } from "@/lib/server/directory/cache";
import { deleteOldDrafts, getJob, insertJob, itemCounts, type NewItem } from "./store";
import { toJobView } from "./views";

// Preview = a draft job: every person the action would touch, read from Webex now, with what would change
// (before → after) or why they are skipped. Nothing is written to Webex until the draft is started.

const tooMany = () =>
  new ApiError(400, `More than ${MAX_JOB_ITEMS.toLocaleString("en-US")} people match. Narrow the filter, or run the action in parts.`);

/**
 * A target on Roster's index ({ directory: filter }): the people matching it now, as a selection of person IDs.
 * The index decides who; Webex is still read for what each of them holds (the plan), and again by each item
 * before it writes.
 */
async function resolveTarget(db: Db, orgId: string, target: PreviewBody["target"], now: number) {
  if (!("directory" in target)) return { target, fromIndex: null };
  const snap = await getDirectory(db, orgId);
  if (!snap || snap.asOf === null)
    throw new ApiError(409, "Roster's index of this organization has not been synced yet: sync it first (Sync now on the People page), then try again.");
  const personIds = snap.people.filter((p) => matchesFilter(p, target.directory, now)).map((p) => p.id);
  if (personIds.length > MAX_JOB_ITEMS) throw tooMany();
  if (!personIds.length) throw new ApiError(400, "No one in Roster's index matches these filters: nothing to preview.");
  return { target: { personIds }, fromIndex: { count: personIds.length, asOf: snap.asOf } };
}

export async function previewJob(db: Db, webex: WebexClient, user: SessionUser, sessionId: string | null, body: PreviewBody, now = Date.now()): Promise<JobPreview> {
  await deleteOldDrafts(db).catch(() => {});
  const licenses = needsLicense(body.action) ? await webex.listLicenses() : [];
  const license = body.licenseId ? licenses.find((l) => l.id === body.licenseId) : undefined;
  if (needsLicense(body.action) && !license) throw new ApiError(400, "Unknown license: it is not in this organization.", { licenseId: "Unknown license" });
  const roles = needsRole(body.action) ? await webex.listRoles() : [];
  const role = body.roleId ? roles.find((r) => r.id === body.roleId) : undefined;
  if (needsRole(body.action) && !role) throw new ApiError(400, "Unknown admin role.", { roleId: "Unknown role" });

  const { target: resolved, fromIndex } = await resolveTarget(db, user.orgId, body.target, now);
  const { people, notFound, walkedOrg } = await readTarget(webex, resolved, { callingData: false, cap: MAX_JOB_ITEMS, tooMany });
  const params = {
    action: body.action,
    licenseId: license?.id,
    roleId: role?.id,
    actorId: user.personId,
    licenseIsCalling: license ? isCallingLicense({ id: license.id, name: license.name }) : false,
  };
  const items: NewItem[] = [];
  const reasons: string[] = [];
  for (const p of people) {
    const plan = planItem(p, params);
    const who = { personId: p.id, email: p.emails?.[0] ?? null, displayName: p.displayName ?? null };
    if (plan.state === "skipped") {
      reasons.push(plan.reason);
      items.push({ ...who, state: "skipped", message: plan.reason, plan: { changes: [] } });
    } else {
      items.push({
        ...who,
        state: "pending",
        input: plan.licenseIds ? { licenseIds: plan.licenseIds } : null,
        plan: { changes: plan.changes, licenses: p.licenses ?? [] },
      });
    }
  }
  for (const id of notFound) {
    reasons.push(SKIP.notFound);
    items.push({ personId: id, email: null, displayName: null, state: "skipped", message: SKIP.notFound, plan: { changes: [] } });
  }
  if (!items.length) throw new ApiError(400, "No one matches: nothing to preview.");

  const willChange = items.filter((i) => i.state === "pending").length;
  let pool: PoolCheck | null = null;
  if (body.action === "license-add" && license) {
    const remaining = Math.max(0, (license.totalUnits ?? 0) - (license.consumedUnits ?? 0));
    pool = { licenseId: license.id, name: license.name ?? "License", needed: willChange, remaining, fits: Math.min(willChange, remaining) };
  }
  let orgWideInvitePending: number | null = null;
  const notes: string[] = [];
  if (body.action === "resend-invites") {
    const org = walkedOrg ?? (await walkPeople(webex, {}, { callingData: false })).people;
    orgWideInvitePending = org.filter((p) => p.invitePending === true && (p.type ?? "person") === "person").length;
    notes.push(
      `Webex resends the invitation to every invite-pending person in the organization (${orgWideInvitePending.toLocaleString("en-US")} people), not only to the people selected here: its API takes no list. People invited in the last 24 hours are skipped by Webex.`,
    );
  }
  if (fromIndex)
    notes.push(
      `${fromIndex.count.toLocaleString("en-US")} ${fromIndex.count === 1 ? "person" : "people"} from Roster's index as of ${new Date(fromIndex.asOf).toISOString().slice(0, 16).replace("T", " ")} UTC matched the filters; this list is fixed now. What each holds was read from Webex just now, and each person is read again before the change is written.`,
    );
  if (body.action === "delete") notes.push("Deleting is permanent: their licenses return to the pool, and Webex cannot undo it.");

  const id = randomUUID();
  const target = needsLicense(body.action) ? license?.name : needsRole(body.action) ? role?.name : null;
  await insertJob(
    db,
    {
      id,
      orgId: user.orgId,
      kind: body.action,
      status: "draft",
      label: jobLabel(body.action, willChange, target),
      params: { licenseId: license?.id, licenseName: license?.name, roleId: role?.id, roleName: role?.name },
      createdBy: { id: user.personId, email: user.email, name: user.name },
      sessionId,
    },
    items,
  );
  const job = (await getJob(db, user.orgId, id))!;
  const counts = (await itemCounts(db, [id])).get(id)!;
  return { job: toJobView(job, counts), willChange, skipped: countReasons(reasons), pool, orgWideInvitePending, notes, fromIndex };
}

/**
 * The reclaim review is its own preview: the job is created queued, one item per reviewed person. Names and the
 * licenses held come from the scan the admin reviewed (`known`), so results read well and audit rows have a before.
 */
export async function createReclaimJob(
  db: Db,
  user: SessionUser,
  sessionId: string | null,
  body: ReclaimJobBody,
  known: ReadonlyMap<string, { email: string; displayName: string; licenses: string[] }>,
): Promise<string> {
  const id = randomUUID();
  const seen = new Set<string>();
  const items: NewItem[] = [];
  for (const it of body.items) {
    if (seen.has(it.personId)) continue;
    seen.add(it.personId);
    const c = known.get(it.personId);
    const licenseIds = [...new Set(it.licenseIds)];
    items.push({
      personId: it.personId,
      email: c?.email ?? null,
      displayName: c?.displayName ?? null,
      state: "pending",
      input: { licenseIds },
      plan: c ? { licenses: c.licenses, changes: [{ field: "licenses", before: c.licenses, after: c.licenses.filter((l) => !licenseIds.includes(l)) }] } : null,
    });
  }
  await insertJob(
    db,
    {
      id,
      orgId: user.orgId,
      kind: "reclaim",
      status: "queued",
      label: jobLabel("reclaim", items.length),
      params: {},
      createdBy: { id: user.personId, email: user.email, name: user.name },
      sessionId,
    },
    items,
  );
  return id;
}
