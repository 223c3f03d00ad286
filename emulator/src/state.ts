import type { IncomingMessage } from "node:http";
import { TokenStore, type Caller } from "./auth";
import { cloneConfig, type EmulatorConfig, type OAuthClient } from "./config";
import type { Reply } from "./http";
import { RateLimiter } from "./rate-limit";
import { seedOrg } from "./seed/seed-org";
import { Stats } from "./stats";
import { Store } from "./store";

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
