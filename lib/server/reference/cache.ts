import "server-only";
import { logError } from "@/lib/server/log";

import { ApiError } from "@/lib/server/api/errors";

// Reference data (decision 012): what changes rarely and is the same for every administrator of an org — the
// organization, the license catalogue with its counts, roles, role membership, locations — is fetched from Webex
// once per org and shared by its admins for ROSTER_REFERENCE_TTL_SECONDS. Two layers:
//  - a shared store (a table on PostgreSQL, so every instance shares one fetch; in memory on PGlite, where one
//    process is the only reader), whose expiry is judged by the store's own clock;
//  - an in-process memo in front of it (at most MEMO_MS), so a hit costs no database round trip most of the time.
// Every read is checked against the reader first: an admin whose session scopes allow that read (a cache hit
// never shows data to someone Webex would have refused). Failures are never stored. Roster's own writes that
// change an entry invalidate it (version bump), and a load that started before an invalidation is not stored.

export type ReferenceKind = "organizations" | "licenses" | "roles" | "locations" | "role-members";

/** The Webex scopes a session needs to read each kind (what Webex itself checks on the live call). */
export const REFERENCE_SCOPES: Record<ReferenceKind, readonly string[]> = {
  organizations: ["spark-admin:organizations_read"],
  licenses: ["spark-admin:licenses_read"],
  roles: ["spark-admin:roles_read"],
  locations: ["spark-admin:locations_read"],
  "role-members": ["spark-admin:roles_read", "spark-admin:people_read"],
};

/** Roster's writes to people (create, PUT, delete, license PATCH) change license counts and role membership. */
export const CHANGED_BY_PEOPLE_WRITES: readonly ReferenceKind[] = ["licenses", "role-members"];

/** The in-process memo's lifetime: how long another instance's invalidation may take to be seen here. */
export const MEMO_MS = 10_000;

export interface Reader {
  orgId: string;
  isAdmin: boolean;
  /** The session's granted scopes; empty = unknown (a background job's actor): such a reader is served live. */
  scopes: readonly string[];
}

export type Permit = { kind: "allowed" } | { kind: "unknown" } | { kind: "denied"; message: string };

/** May this reader see this kind from the cache? Pure. */
export function permit(reader: Reader, kind: ReferenceKind): Permit {
  if (!reader.isAdmin) return { kind: "denied", message: "Administrator access required" };
  if (reader.scopes.length === 0) return { kind: "unknown" };
  const missing = REFERENCE_SCOPES[kind].filter((s) => !reader.scopes.includes(s));
  if (missing.length) return { kind: "denied", message: `Your Webex session does not allow this read (missing scope ${missing.join(", ")}). Sign in again to grant it.` };
  return { kind: "allowed" };
}

/** A refused read: 403, as Webex would have answered the live call. */
export class ReferenceAccessError extends ApiError {
  constructor(message: string) {
    super(403, message);
    this.name = "ReferenceAccessError";
  }
}

export interface StoredEntry {
  /** null: invalidated (or never stored) — only the version matters then. */
  value: unknown;
  /** Milliseconds the value stays fresh by the store's clock; ≤ 0 = expired. */
  ttlLeftMs: number;
  version: number;
}

/** Where entries are shared. `write` stores only if the entry's version is still `seenVersion` (no invalidation since). */
export interface ReferenceStore {
  read(orgId: string, kind: ReferenceKind): Promise<StoredEntry | null>;
  write(orgId: string, kind: ReferenceKind, value: unknown, ttlMs: number, seenVersion: number): Promise<boolean>;
  invalidate(orgId: string, kinds: readonly ReferenceKind[]): Promise<void>;
}

/** One process (PGlite, tests): a Map with the same semantics as the table. */
export class MemoryReferenceStore implements ReferenceStore {
  private readonly rows = new Map<string, { value: unknown; expiresAt: number; version: number }>();
  constructor(private readonly now: () => number = Date.now) {}

  async read(orgId: string, kind: ReferenceKind): Promise<StoredEntry | null> {
    const row = this.rows.get(`${orgId}\n${kind}`);
    return row ? { value: row.value, ttlLeftMs: row.expiresAt - this.now(), version: row.version } : null;
  }

  async write(orgId: string, kind: ReferenceKind, value: unknown, ttlMs: number, seenVersion: number): Promise<boolean> {
    const key = `${orgId}\n${kind}`;
    const version = this.rows.get(key)?.version ?? 0;
    if (version !== seenVersion) return false;
    this.rows.set(key, { value, expiresAt: this.now() + ttlMs, version });
    return true;
  }

  async invalidate(orgId: string, kinds: readonly ReferenceKind[]): Promise<void> {
    for (const kind of kinds) {
      const key = `${orgId}\n${kind}`;
      this.rows.set(key, { value: null, expiresAt: 0, version: (this.rows.get(key)?.version ?? 0) + 1 });
    }
  }
}

export interface ReferenceCacheOptions {
  store: ReferenceStore;
  /** Lifetime of an entry; 0 turns the cache off (every read is live, nothing is stored). */
  ttlMs: () => number;
  memoMs?: number;
  now?: () => number;
  /** Told about each read (tests and logs): where the value came from. */
  onRead?: (orgId: string, kind: ReferenceKind, source: "memo" | "store" | "webex") => void;
}

export interface ReadOptions {
  /** Skip both layers and ask Webex (an admin's "Refresh", a capacity check); the answer replaces the entry. */
  fresh?: boolean;
}

type Memo = { value: unknown; until: number };

export class ReferenceCache {
  private readonly memo = new Map<string, Memo>();
  private readonly inflight = new Map<string, { gen: number; promise: Promise<unknown> }>();
  /** Bumped by every invalidation seen in this process: a load that started before one is not memoised. */
  private readonly gens = new Map<string, number>();
  private readonly now: () => number;
  private readonly memoMs: number;

  constructor(private readonly opts: ReferenceCacheOptions) {
    this.now = opts.now ?? Date.now;
    this.memoMs = opts.memoMs ?? MEMO_MS;
  }

  /**
   * The org's `kind`, from the memo, the shared store or — on a miss — `load()` (the reader's own Webex client),
   * shared by concurrent readers of this process. Throws ReferenceAccessError before anything is read when the
   * reader may not see it.
   */
  async get<T>(reader: Reader, kind: ReferenceKind, load: () => Promise<T>, opts: ReadOptions = {}): Promise<T> {
    const allowed = permit(reader, kind);
    if (allowed.kind === "denied") throw new ReferenceAccessError(allowed.message);
    const ttl = this.opts.ttlMs();
    const key = `${reader.orgId}\n${kind}`;
    if (ttl <= 0) {
      this.opts.onRead?.(reader.orgId, kind, "webex");
      return load();
    }
    // Unknown scopes: Webex decides (the live call); the answer may still refresh the shared entry.
    const live = opts.fresh || allowed.kind === "unknown";
    if (!live) {
      const hit = this.memo.get(key);
      if (hit && hit.until > this.now()) {
        this.opts.onRead?.(reader.orgId, kind, "memo");
        return hit.value as T;
      }
      const pending = this.inflight.get(key);
      if (pending && pending.gen === this.gen(key)) return pending.promise as Promise<T>;
    }
    const gen = this.gen(key);
    const promise = this.fill(reader.orgId, kind, key, gen, ttl, live, load);
    if (!live) {
      this.inflight.set(key, { gen, promise });
      void promise.then(
        () => this.dropInflight(key, promise),
        () => this.dropInflight(key, promise),
      );
    }
    return promise as Promise<T>;
  }

  /** After Roster changed what these entries hold: the next read anywhere goes to Webex. */
  async invalidate(orgId: string, kinds: readonly ReferenceKind[]): Promise<void> {
    for (const kind of kinds) {
      const key = `${orgId}\n${kind}`;
      this.gens.set(key, this.gen(key) + 1);
      this.memo.delete(key);
      this.inflight.delete(key);
    }
    await this.opts.store.invalidate(orgId, kinds);
  }

  /** Tests only. */
  clearMemo(): void {
    this.memo.clear();
    this.inflight.clear();
  }

  private gen(key: string): number {
    return this.gens.get(key) ?? 0;
  }

  private dropInflight(key: string, promise: Promise<unknown>): void {
    if (this.inflight.get(key)?.promise === promise) this.inflight.delete(key);
  }

  private async fill(orgId: string, kind: ReferenceKind, key: string, gen: number, ttl: number, live: boolean, load: () => Promise<unknown>): Promise<unknown> {
    // The shared store is an optimisation: when it fails, the read goes to Webex (and nothing is stored).
    let stored: StoredEntry | null | undefined;
    try {
      stored = await this.opts.store.read(orgId, kind);
    } catch (err) {
      logError("reference cache: store read failed", { orgId, kind }, err);
    }
    if (!live && stored && stored.value !== null && stored.ttlLeftMs > 0) {
      this.remember(key, gen, stored.value, stored.ttlLeftMs);
      this.opts.onRead?.(orgId, kind, "store");
      return stored.value;
    }
    this.opts.onRead?.(orgId, kind, "webex");
    const value = await load();
    if (stored === undefined) return value;
    try {
      if (await this.opts.store.write(orgId, kind, value, ttl, stored?.version ?? 0)) this.remember(key, gen, value, ttl);
    } catch (err) {
      logError("reference cache: store write failed", { orgId, kind }, err);
    }
    return value;
  }

  private remember(key: string, gen: number, value: unknown, ttlLeftMs: number): void {
    if (this.gen(key) !== gen) return; // invalidated while loading: the value may predate the write
    this.memo.set(key, { value, until: this.now() + Math.min(this.memoMs, ttlLeftMs) });
    if (this.memo.size > 2000) this.memo.delete(this.memo.keys().next().value as string);
  }
}
