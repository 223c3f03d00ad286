import { requireWriter, type Caller } from "../auth";
import { encodeId } from "../ids";
import { ApiError, readJson, type Reply } from "../http";
import { personJson } from "../person-view";
import { boolParam } from "../query";
import { callerOf, noteWrite, type Ctx } from "../state";
import type { Store } from "../store";
import { normalizePhone } from "../phone";
import type { Address, Person, PhoneNumber } from "../types";
import { parseWith } from "../validate";
import { applyCallingRules, checkRoles, grantLicenses } from "./assignment";
import { createPersonSchema, updatePersonSchema } from "./people-body";
import { partialPutFault } from "./partial-put";
import { randomUUID } from "node:crypto";

const adminView = (ctx: Ctx) => ({ admin: true, presence: true, status: true, callingData: boolParam(ctx.url, "callingData") });
const nowIso = () => new Date().toISOString();

/** User administrators manage people but may not hand out or take away Full Administrator. */
function guardFullAdmin(store: Store, caller: Caller, before: string[], after: string[]): void {
  const full = store.roleByCode("id_full_admin").id;
  if (before.includes(full) !== after.includes(full) && caller.level !== "full") {
    throw new ApiError(403, "Only a full administrator can grant or remove the Full Administrator role.");
  }
}

/**
 * Phone numbers as Webex stores them (emulator/src/phone.ts), read in the country of the person's location, else of
 * their first address. `work_extension` entries are extensions and stay as they are; a mobile or fax number that
 * cannot be read is kept as given. `invalid`: work numbers that are not valid numbers (Calling cannot use them).
 */
function normalizeNumbers(store: Store, numbers: PhoneNumber[], locationId: string | undefined, addresses: Address[]): { phoneNumbers: PhoneNumber[]; invalid: string[] } {
  const country = (locationId ? store.location(locationId)?.address.country : undefined) ?? addresses[0]?.country;
  const invalid: string[] = [];
  const phoneNumbers = numbers.map((n) => {
    if (n.type === "work_extension") return n;
    const value = normalizePhone(n.value, country);
    if (value !== null) return { ...n, value };
    if (n.type === "work") invalid.push(n.value);
    return { ...n, value: n.value.trim() };
  });
  return { phoneNumbers, invalid };
}

const invalidNumbers = (invalid: string[], locationId: string | undefined, store: Store) =>
  `Invalid phone number ${invalid.map((v) => `"${v}"`).join(", ")} for the location's country (${(locationId && store.location(locationId)?.address.country) || "unknown"}): ` +
  "give the number in E.164 form (+<country code> <number>) or as a national number of the location's country.";

/** `minResponse=true`: Webex leaves the person details out of a successful answer. */
const minResponse = (ctx: Ctx) => boolParam(ctx.url, "minResponse");

/**
 * The licenses a create or full-replacement update is granted, the Calling fields that follow from them, and the
 * phone numbers normalised (with the ones Webex would refuse), as one step shared by POST and PUT.
 */
function assignLicenses(
  ctx: Ctx,
  person: Person | undefined,
  body: { licenses?: string[]; phoneNumbers?: PhoneNumber[]; extension?: string; locationId?: string; addresses?: Address[] },
) {
  const { store, config } = ctx.state;
  const requested = body.licenses ?? [];
  const granted = grantLicenses(store, person, requested, config.licenseOverflow);
  const calling = applyCallingRules(store, person, requested, granted, {
    phoneNumbers: body.phoneNumbers ?? [],
    extension: body.extension,
    locationId: body.locationId,
  });
  const numbers = normalizeNumbers(store, calling.phoneNumbers, calling.locationId, body.addresses ?? []);
  return { granted, calling, numbers };
}

function checkOrg(store: Store, orgId: string | undefined): void {
  if (orgId !== undefined && orgId !== store.org.id) throw new ApiError(403, "orgId must be the caller's organization.");
}

export async function createPerson(ctx: Ctx): Promise<Reply> {
  const caller = callerOf(ctx);
  requireWriter(caller, "create people");
  const body = parseWith(createPersonSchema, await readJson(ctx.req));
  const { store, config } = ctx.state;
  checkOrg(store, body.orgId);
  const email = body.emails[0]!.toLowerCase();
  if (store.personByEmail(email)) throw new ApiError(409, `A person with the email ${email} already exists.`);
  const displayName = body.displayName ?? [body.firstName, body.lastName].filter(Boolean).join(" ");
  if (!displayName.trim()) throw new ApiError(400, "At least one of displayName, firstName or lastName is required.");
  const roles = checkRoles(store, body.roles ?? []);
  guardFullAdmin(store, caller, [], roles);
  const { granted, numbers, ...assigned } = assignLicenses(ctx, undefined, body);
  let calling = assigned.calling;
  // An invalid work number fails Webex Calling's part of the create only: the person is created without Calling
  // (no Calling license, location, extension or work number), and the answer is a 400 (docs/webex-api.md).
  const callingFailed = numbers.invalid.length > 0;
  const callingFailure = callingFailed ? invalidNumbers(numbers.invalid, calling.locationId, store) : "";
  let kept = granted;
  if (callingFailed) {
    kept = granted.filter((id) => store.license(id)?.calling !== true);
    calling = { phoneNumbers: numbers.phoneNumbers.filter((n) => n.type !== "work" && n.type !== "work_extension") };
  } else calling = { ...calling, phoneNumbers: numbers.phoneNumbers };

  const now = nowIso();
  const person: Person = {
    seq: store.allocateSeq(),
    id: encodeId("PEOPLE", randomUUID()),
    emails: [email],
    phoneNumbers: calling.phoneNumbers,
    displayName,
    orgId: store.org.id,
    roles,
    licenses: [],
    addresses: body.addresses ?? [],
    created: now,
    lastModified: now,
    siteUrls: body.siteUrls ?? [],
    sipAddresses: [],
    // Webex sends the activation email at once: the account waits for the invitee.
    status: "pending",
    invitePending: true,
    invitedAt: now,
    invitesSent: 1,
    loginEnabled: true,
    type: "person",
  };
  assignOptional(person, { ...body, extension: calling.extension, locationId: calling.locationId, nickName: body.firstName });
  store.insert(person);
  store.setLicenses(person, kept);
  noteWrite(ctx, person.id, true);

  if (callingFailed) throw new ApiError(400, `One or more back-end services failed while creating the user: Webex Calling: ${callingFailure}`);
  if (Math.random() < config.faults.createAfter400) {
    throw new ApiError(400, "One or more back-end services failed while creating the user; the user may have been created.");
  }
  if (minResponse(ctx)) return { status: 200, body: { id: person.id } };
  return { status: 200, body: personJson(person, adminView(ctx)) };
}

type Optional = Pick<Person, "extension" | "locationId" | "firstName" | "lastName" | "nickName" | "avatar" | "department" | "manager" | "managerId" | "title">;

/** Full replacement of the optional scalar fields: absent in `from` means cleared. */
function assignOptional(person: Person, from: Partial<Optional>): void {
  const keys: (keyof Optional)[] = ["extension", "locationId", "firstName", "lastName", "nickName", "avatar", "department", "manager", "managerId", "title"];
  for (const key of keys) {
    const value = from[key];
    if (value === undefined || value === "") delete person[key];
    else person[key] = value;
  }
}

export async function updatePerson(ctx: Ctx): Promise<Reply> {
  const caller = callerOf(ctx);
  requireWriter(caller, "update people");
  const { store, config } = ctx.state;
  const person = store.person(ctx.params.id ?? "");
  if (!person) throw new ApiError(404, "Person not found.");
  const body = parseWith(updatePersonSchema, await readJson(ctx.req));
  checkOrg(store, body.orgId);
  if (!body.displayName.trim()) throw new ApiError(400, "displayName must not be empty.");
  const email = body.emails?.[0]?.toLowerCase();
  const owner = email ? store.personByEmail(email) : undefined;
  if (owner && owner !== person) throw new ApiError(409, `A person with the email ${email} already exists.`);

  const roles = checkRoles(store, body.roles ?? []);
  guardFullAdmin(store, caller, person.roles, roles);
  const full = store.roleByCode("id_full_admin").id;
  if (person.roles.includes(full) && !roles.includes(full) && store.countWithRole(full) <= 1) {
    throw new ApiError(409, "The organization's last Full Administrator cannot lose that role. Make another person a Full Administrator first.");
  }
  const { granted, calling, numbers } = assignLicenses(ctx, person, body);
  if (numbers.invalid.length > 0) throw new ApiError(400, invalidNumbers(numbers.invalid, calling.locationId, store));
  calling.phoneNumbers = numbers.phoneNumbers;

  // Everything validated: apply as one full replacement (omitted updatable fields are cleared).
  const before = stored(person);
  const saved = config.faults.partialPut > 0 ? structuredClone(person) : undefined;
  if (email && email !== person.emails[0]) store.setEmails(person, [email]);
  person.displayName = body.displayName;
  person.phoneNumbers = calling.phoneNumbers;
  person.roles = roles;
  person.addresses = body.addresses ?? [];
  person.siteUrls = body.siteUrls ?? [];
  assignOptional(person, { ...body, extension: calling.extension, locationId: calling.locationId, nickName: body.firstName });
  if (body.loginEnabled !== undefined) person.loginEnabled = body.loginEnabled;
  store.setLicenses(person, granted);
  const partial = saved && Math.random() < config.faults.partialPut ? partialPutFault(store, person, saved) : undefined;
  noteWrite(ctx, person.id, stored(person) !== before);
  if (!partial || partial.applied.length > 0) person.lastModified = nowIso();
  if (partial) throw partial.error;
  if (minResponse(ctx)) return { status: 204 };
  return { status: 200, body: personJson(person, adminView(ctx)) };
}

/** The person's updatable state, to tell whether a PUT changed anything. */
function stored(p: Person): string {
  const { lastModified: _m, seq: _s, ...rest } = p; // eslint-disable-line @typescript-eslint/no-unused-vars
  return JSON.stringify(rest);
}

export function deletePerson(ctx: Ctx): Reply {
  const caller = callerOf(ctx);
  requireWriter(caller, "delete people");
  const { store, tokens } = ctx.state;
  const person = store.person(ctx.params.id ?? "");
  if (!person) throw new ApiError(404, "Person not found.");
  const full = store.roleByCode("id_full_admin").id;
  if (person.roles.includes(full)) {
    if (caller.level !== "full") throw new ApiError(403, "Only a full administrator can delete a Full Administrator.");
    if (store.countWithRole(full) <= 1) {
      throw new ApiError(409, "The organization's last Full Administrator cannot be deleted. Make another person a Full Administrator first.");
    }
  }
  store.remove(person);
  tokens.revokePerson(person.id);
  noteWrite(ctx, person.id, true);
  return { status: 204 };
}
