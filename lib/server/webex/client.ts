import "server-only";
import type { z } from "zod";
import { WebexError } from "./errors";
import { nextLink } from "./link";
import {
  AdminAuditEventListSchema,
  ActivationJobErrorsSchema,
  ActivationJobSchema,
  LicenseListSchema,
  LicenseSchema,
  LocationListSchema,
  OrganizationListSchema,
  PeopleListSchema,
  FastPersonSchema,
  RoleListSchema,
  UserLicensesSchema,
  type ActivationJob,
  type AdminAuditEvent,
  type ActivationJobError,
  type License,
  type LicenseOperation,
  type LicenseUser,
  type Location,
  type Organization,
  type Person,
  type PersonCreate,
  type PersonUpdate,
  type Role,
  type UserLicenses,
} from "./models";
import { isThrottle } from "./retry";
import { WebexTransport, newTrackingId, type RetryPolicy, type WebexClientOptions } from "./transport";

export type { WebexClientOptions } from "./transport";

/** Webex's own limit on `id` in GET /people. */
export const MAX_IDS_PER_CALL = 85;

export interface ListPeopleParams {
  email?: string;
  displayName?: string;
  id?: string[];
  roles?: string[];
  locationId?: string;
  callingData?: boolean;
  max?: number;
  excludeStatus?: string;
}

export interface PeoplePage {
  items: Person[];
  notFoundIds: string[];
  /** Absolute URL of the next page (already checked to be on the configured base), or null. */
  next: string | null;
}

export interface LicensePage {
  license: License;
  /** Next page of `license.users` (includeAssignedTo=user), or null. */
  next: string | null;
}

/** Fields Webex gives only through GET /people/{id} (or an org list), never through GET /people?id= (docs/webex-api.md). */
const NOT_IN_ID_LOOKUPS = ["roles", "licenses", "siteUrls", "locationId", "extension", "invitePending", "loginEnabled", "lastModified", "status", "lastActivity"] as const;

/** A person as `GET /people?id=` gives them: without the admin fields and presence. */
export type PersonById = Person & { [K in (typeof NOT_IN_ID_LOOKUPS)[number]]?: undefined };

type ListSchema = z.ZodType<{ items: unknown[]; notFoundIds?: string[] | undefined }>;

export class WebexClient {
  private readonly http: WebexTransport;
  private readonly onWrite?: (orgId: string) => Promise<void>;

  constructor(opts: WebexClientOptions) {
    this.http = new WebexTransport(opts);
    this.onWrite = opts.onWrite;
  }

  /** A write to people or licenses: tells onWrite afterwards, success or not (a failed write may have happened). */
  private async written<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } finally {
      await this.onWrite?.(this.orgId);
    }
  }

  get orgId(): string {
    return this.http.orgId;
  }

  /** Whether a pause of `ms` still leaves this request's deadline (decision 015) room for one more call. */
  hasTimeFor(ms: number): boolean {
    return this.http.hasTimeFor(ms);
  }

  /** One page of people. With `cursorUrl` (a previous page's `next`), `params` are ignored: the cursor carries them. */
  async listPeople(params: ListPeopleParams, cursorUrl?: string): Promise<PeoplePage> {
    let url: URL;
    if (cursorUrl) {
      url = this.http.checkFollowUrl(cursorUrl, "/people", 400);
    } else {
      if (params.id && params.id.length > MAX_IDS_PER_CALL) {
        throw new WebexError(400, `At most ${MAX_IDS_PER_CALL} IDs per call`, newTrackingId());
      }
      url = this.http.url("/people", {
        email: params.email,
        displayName: params.displayName,
        id: params.id?.length ? params.id : undefined,
        roles: params.roles?.length ? params.roles : undefined,
        locationId: params.locationId,
        callingData: params.callingData,
        max: params.max,
        excludeStatus: params.excludeStatus,
      });
    }
    const page = await this.getPage(url, PeopleListSchema, "/people");
    return { items: page.items, notFoundIds: page.notFoundIds, next: page.next };
  }

  /** Every page of people, one page's items per iteration; follows `next` links only on the configured base. */
  async *iteratePeople(params: ListPeopleParams): AsyncGenerator<Person[], void, undefined> {
    for await (const page of this.pages(params)) yield page.items;
  }

  /**
   * People by ID, in calls of at most 85 IDs; unknown IDs come back in notFoundIds. Webex leaves the admin fields
   * (roles, licenses, locations…) and presence out of `GET /people?id=`: they are removed here too, and the type
   * says so, so that no caller relies on them (read them with getPerson or a walk of the org instead).
   */
  async getPeopleByIds(ids: readonly string[]): Promise<{ items: PersonById[]; notFoundIds: string[] }> {
    const unique = [...new Set(ids)];
    const items: PersonById[] = [];
    const notFoundIds: string[] = [];
    for (let i = 0; i < unique.length; i += MAX_IDS_PER_CALL) {
      const chunk = unique.slice(i, i + MAX_IDS_PER_CALL);
      for await (const page of this.pages({ id: chunk, max: MAX_IDS_PER_CALL })) {
        for (const p of page.items) {
          const byId: Record<string, unknown> = { ...p };
          for (const field of NOT_IN_ID_LOOKUPS) delete byId[field];
          items.push(byId as PersonById);
        }
        notFoundIds.push(...page.notFoundIds);
      }
    }
    return { items, notFoundIds };
  }

  /** `callingData: true` includes extension, locationId and work_extension numbers (Webex omits them otherwise). */
  async getPerson(id: string, opts: { callingData?: boolean } = {}): Promise<Person> {
    const url = this.http.url(`/people/${enc(id)}`, { callingData: opts.callingData });
    return (await this.http.request({ method: "GET", url, schema: FastPersonSchema })).data;
  }

  async getMe(): Promise<Person> {
    return (await this.http.request({ method: "GET", url: this.http.url("/people/me"), schema: FastPersonSchema })).data;
  }

  /**
   * POST /people. Only a refused request (429/423) is repeated: after a 5xx, a timeout or even a 400 the person
   * may exist (docs/webex-api.md), so the error goes back to the caller, who must look the email up before trying again.
   */
  async createPerson(body: PersonCreate, opts: { callingData?: boolean } = {}): Promise<Person> {
    const url = this.http.url("/people", { callingData: opts.callingData });
    const res = await this.written(() =>
      this.http.request({
        method: "POST",
        url,
        body,
        schema: FastPersonSchema,
        retry: (status) => typeof status === "number" && isThrottle(status) && status !== 503,
      }),
    );
    return res.data;
  }

  /**
   * PUT /people/{id}: a full replacement — pass the whole current person with the admin's changes applied. Only a
   * refused request (429/423) is repeated: a failed PUT "may still have altered some values" (the spec), and
   * repeating a body built from an earlier read could revert changes made elsewhere meanwhile. The caller reads the
   * person back instead (safe-update.ts, decision 005).
   */
  async updatePerson(id: string, fullBody: PersonUpdate, opts: { callingData?: boolean } = {}): Promise<Person> {
    const url = this.http.url(`/people/${enc(id)}`, { callingData: opts.callingData });
    const retry: RetryPolicy = (status) => typeof status === "number" && isThrottle(status) && status !== 503;
    return (await this.written(() => this.http.request({ method: "PUT", url, body: fullBody, schema: FastPersonSchema, retry }))).data;
  }

  async deletePerson(id: string): Promise<void> {
    await this.written(() => this.http.request({ method: "DELETE", url: this.http.url(`/people/${enc(id)}`), schema: undefined }));
  }

  /**
   * PATCH /licenses/users: adds/removes licenses of one person without touching anything else (unlike the
   * full-replacement PUT). 206 = only some operations were applied: `partial` is true and the answer's
   * `licenses` says what the person holds now. Only a throttled request is repeated: after a 5xx or a timeout
   * the caller reads the person back before deciding anything (the change may have been made).
   */
  async patchUserLicenses(personId: string, licenses: LicenseOperation[]): Promise<{ result: UserLicenses; partial: boolean }> {
    const res = await this.written(() =>
      this.http.request({
        method: "PATCH",
        url: this.http.url("/licenses/users"),
        body: { personId, licenses },
        schema: UserLicensesSchema,
        retry: (status) => typeof status === "number" && isThrottle(status) && status !== 503,
      }),
    );
    return { result: res.data, partial: res.status === 206 };
  }

  /**
   * Starts Webex's bulk resend of activation emails. It goes to *every* invite-pending user of the org (the API
   * takes no list), runs asynchronously, and only one can run per org (409 otherwise). Never repeated blindly.
   */
  async startActivationEmailJob(): Promise<ActivationJob> {
    const res = await this.http.request({
      method: "POST",
      url: this.http.url(`/identity/organizations/${enc(this.orgId)}/jobs/sendActivationEmails`),
      schema: ActivationJobSchema,
      retry: (status) => typeof status === "number" && isThrottle(status) && status !== 503,
    });
    return res.data;
  }

  async getActivationEmailJob(jobId: string): Promise<ActivationJob> {
    const url = this.http.url(`/identity/organizations/${enc(this.orgId)}/jobs/sendActivationEmails/${enc(jobId)}/status`);
    return (await this.http.request({ method: "GET", url, schema: ActivationJobSchema })).data;
  }

  /** Every error item of a finished activation-email job (Link paging). */
  async listActivationEmailJobErrors(jobId: string): Promise<ActivationJobError[]> {
    const path = `/identity/organizations/${enc(this.orgId)}/jobs/sendActivationEmails/${enc(jobId)}/errors`;
    const out: ActivationJobError[] = [];
    let url: URL | null = this.http.url(path, { max: 1000 });
    while (url) {
      const res: { data: { items: ActivationJobError[] }; headers: Headers } = await this.http.request({ method: "GET", url, schema: ActivationJobErrorsSchema });
      out.push(...res.data.items);
      const next = this.followable(res.headers, url, path);
      url = next ? new URL(next) : null;
    }
    return out;
  }

  async listLicenses(): Promise<License[]> {
    return this.all("/licenses", LicenseListSchema) as Promise<License[]>;
  }

  async getLicense(
    id: string,
    params: { includeAssignedTo?: "user"; limit?: number } = {},
    cursorUrl?: string,
  ): Promise<LicensePage> {
    const path = `/licenses/${enc(id)}`;
    const url = cursorUrl
      ? this.http.checkFollowUrl(cursorUrl, path, 400)
      : this.http.url(path, { includeAssignedTo: params.includeAssignedTo, limit: params.limit });
    const res = await this.http.request({ method: "GET", url, schema: LicenseSchema });
    return { license: res.data, next: this.followable(res.headers, url, path) };
  }

  /** Every user holding a license (includeAssignedTo=user), page by page. */
  async *iterateLicenseUsers(id: string, limit = 300): AsyncGenerator<LicenseUser[], void, undefined> {
    let page = await this.getLicense(id, { includeAssignedTo: "user", limit });
    yield page.license.users ?? [];
    while (page.next) {
      page = await this.getLicense(id, {}, page.next);
      yield page.license.users ?? [];
    }
  }

  async listRoles(): Promise<Role[]> {
    return this.all("/roles", RoleListSchema) as Promise<Role[]>;
  }

  async listOrganizations(): Promise<Organization[]> {
    return this.all("/organizations", OrganizationListSchema) as Promise<Organization[]>;
  }

  async listLocations(): Promise<Location[]> {
    return this.all("/locations", LocationListSchema) as Promise<Location[]>;
  }

  /**
   * One page of Webex's admin audit log (`audit:events_read`, full administrators): events with from ≤ created < to
   * (at most one year), `max` ≤ 200, offset paging. `more` says whether Webex linked a next page.
   */
  async listAdminAuditEvents(q: { from: Date; to: Date; max: number; offset: number }): Promise<{ items: AdminAuditEvent[]; more: boolean }> {
    const url = this.http.url("/adminAudit/events", {
      orgId: this.orgId,
      from: q.from.toISOString(),
      to: q.to.toISOString(),
      max: q.max,
      offset: q.offset,
    });
    const res = await this.http.request({ method: "GET", url, schema: AdminAuditEventListSchema });
    return { items: res.data.items, more: nextLink(res.headers, url.toString()) !== null };
  }

  private async *pages(params: ListPeopleParams): AsyncGenerator<PeoplePage, void, undefined> {
    let page = await this.listPeople(params);
    yield page;
    while (page.next) {
      const next = await this.getPage(this.http.checkFollowUrl(page.next, "/people", 502), PeopleListSchema, "/people");
      page = next;
      yield page;
    }
  }

  /** Every item of a list endpoint, following Link pages even where Webex documents none. */
  private async all(path: string, schema: ListSchema): Promise<unknown[]> {
    const out: unknown[] = [];
    let url: URL | null = this.http.url(path);
    while (url) {
      const page: { items: unknown[]; next: string | null } = await this.getPage(url, schema, path);
      out.push(...page.items);
      url = page.next ? this.http.checkFollowUrl(page.next, path, 502) : null;
    }
    return out;
  }

  private async getPage<S extends ListSchema>(
    url: URL,
    schema: S,
    path: string,
  ): Promise<{ items: z.output<S>["items"]; notFoundIds: string[]; next: string | null }> {
    const res = await this.http.request({ method: "GET", url, schema });
    const data = res.data as z.output<S>;
    return { items: data.items, notFoundIds: data.notFoundIds ?? [], next: this.followable(res.headers, url, path) };
  }

  /** The `next` link, resolved and checked (a link off the configured base is Webex misbehaving: 502). */
  private followable(headers: Headers, requested: URL, path: string): string | null {
    const next = nextLink(headers, requested.toString());
    if (!next) return null;
    this.http.checkFollowUrl(next, path, 502);
    return next;
  }
}

const enc = (id: string) => encodeURIComponent(id);
