import type { IncomingMessage } from "node:http";
import { TokenStore, type Caller } from "./auth";
import { cloneConfig, type EmulatorConfig, type OAuthClient } from "./config";
import type { Reply } from "./http";
import { RateLimiter } from "./rate-limit";
import { seedOrg } from "./seed/seed-org";
import { Stats } from "./stats";
import type { ActivationJob } from "./routes/activation-jobs";
import type { AdminAuditEvent } from "./admin-audit";
import { Store } from "./store";
import type { Person } from "./types";

/** One write to a person as the emulator carried it out, whatever the client was answered (see /_emulator/writes). */
export interface WriteRecord {
  at: string;
  route: string;
  personId: string;
  /** Whether the person's stored record changed (an add of a license already held changes nothing). */
  changed: boolean;
  /** The status the client received (500 under the applied500 fault although the write happened). */
  status: number;
}

export interface AuthCode {
  clientId: string;
  redirectUri: string;
  personId: string;
  scopes: string[];
  challenge: string;
  expiresAt: number;
}

/** Everything mutable about one emulator instance; reset() rebuilds it from the startup values. */
export class EmulatorState {
  store: Store;
  config: EmulatorConfig;
  tokens = new TokenStore();
  codes = new Map<string, AuthCode>();
  stats = new Stats();
  limiter = new RateLimiter();
  activationJobs = new Map<string, ActivationJob>();
  writes: WriteRecord[] = [];
  /** Webex's admin audit log (GET /v1/adminAudit/events), oldest first. */
  auditEvents: AdminAuditEvent[] = [];

  constructor(
    readonly startup: { people: number; seed: number; config: EmulatorConfig },
    readonly clients: OAuthClient[],
  ) {
    this.store = new Store(seedOrg(startup.people, startup.seed));
    this.config = cloneConfig(startup.config);
  }

  reset(people = this.startup.people, seed = this.startup.seed): void {
    this.store = new Store(seedOrg(people, seed));
    this.config = cloneConfig(this.startup.config);
    this.tokens.clear();
    this.codes.clear();
    this.stats = new Stats();
    this.limiter.clear();
    this.activationJobs.clear();
    this.writes = [];
    this.auditEvents = [];
  }
}

export interface Ctx {
  req: IncomingMessage;
  url: URL;
  params: Record<string, string>;
  trackingId: string;
  state: EmulatorState;
  /** Set for authenticated /v1 API routes. */
  caller?: Caller;
  /** Writes this request carried out; the server logs them with the status it answers. */
  writes?: { personId: string; changed: boolean }[];
  /** The target person of a PUT/DELETE before the handler ran (for the admin audit event). */
  auditBefore?: Person;
}

/** Handlers call this for every person they change (or were asked to change). */
export function noteWrite(ctx: Ctx, personId: string, changed: boolean): void {
  (ctx.writes ??= []).push({ personId, changed });
}

export type Handler = (ctx: Ctx) => Promise<Reply> | Reply;

export interface Route {
  method: string;
  pattern: string;
  kind: "api" | "oauth" | "control";
  handler: Handler;
}

export function callerOf(ctx: Ctx): Caller {
  if (!ctx.caller) throw new Error("route needs an authenticated caller");
  return ctx.caller;
}
