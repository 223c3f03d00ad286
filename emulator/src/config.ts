import { z } from "zod";

// Runtime knobs that tests flip through PUT /_emulator/config; reset restores the startup values.
export interface FaultConfig {
  "429": number;
  "500": number;
  "502": number;
  "503": number;
  createAfter400: number;
  /** A write (POST/PUT/PATCH/DELETE) is carried out, then answered 500: the client cannot tell it happened. */
  applied500: number;
  /**
   * PUT /people/{id} applies only the first half (rounded down) of the fields it changes, in the spec's field
   * order, then answers 500 (routes/partial-put.ts): the spec says a failed PUT "may still have altered some values".
   */
  partialPut: number;
}

export interface EmulatorConfig {
  rateLimitPerMinute: number;
  latencyMs: number;
  faults: FaultConfig;
  /** `Retry-After` of an injected 429 fault (the rate limiter's own 429s say when a slot frees). */
  faultRetryAfterSeconds: number;
  licenseOverflow: "reject" | "skip";
  tokenLifetimeSeconds: number;
  /**
   * Search lag: a person created less than this long ago is not yet in `GET /people` results (by email, name, id
   * list or a walk), although `GET /people/{id}` finds them and a second POST of the email is a 409 at once. Real
   * Webex's list index can trail a create; a client that looks the email up once right after an ambiguous create
   * failure would wrongly conclude nobody was created.
   */
  listLagMs: number;
  /**
   * Extra delay on one route's answers, keyed like the stats (`"POST /v1/people"`), added to `latencyMs`. The
   * request is carried out first, so a write delayed past the client's timeout has still happened.
   */
  routeLatencyMs: Record<string, number>;
  /**
   * Extra delay of `GET /people?callingData=true` per 100 people in the page (at least one unit): Webex reads the
   * Calling data from another service, so needless callingData shows in benchmarks. 0 turns it off.
   */
  callingDataLatencyMs: number;
}

export interface OAuthClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
}

export const DEFAULT_CONFIG: EmulatorConfig = {
  rateLimitPerMinute: 600,
  latencyMs: 0,
  faults: { "429": 0, "500": 0, "502": 0, "503": 0, createAfter400: 0, applied500: 0, partialPut: 0 },
  faultRetryAfterSeconds: 1,
  licenseOverflow: "reject",
  tokenLifetimeSeconds: 1_209_600,
  listLagMs: 0,
  routeLatencyMs: {},
  callingDataLatencyMs: 5,
};

export const MAX_PEOPLE = 200_000;
export const DEFAULT_PEOPLE = 2000;
export const DEFAULT_SEED = 42;

const probability = z.number().min(0).max(1);

export const faultsPatchSchema = z.strictObject({
  "429": probability.optional(),
  "500": probability.optional(),
  "502": probability.optional(),
  "503": probability.optional(),
  createAfter400: probability.optional(),
  applied500: probability.optional(),
  partialPut: probability.optional(),
});

export const configPatchSchema = z.strictObject({
  rateLimitPerMinute: z.number().int().min(1).max(1_000_000).optional(),
  latencyMs: z.number().int().min(0).max(60_000).optional(),
  faults: faultsPatchSchema.optional(),
  faultRetryAfterSeconds: z.number().int().min(0).max(3600).optional(),
  licenseOverflow: z.enum(["reject", "skip"]).optional(),
  tokenLifetimeSeconds: z.number().int().min(1).max(31_536_000).optional(),
  listLagMs: z.number().int().min(0).max(600_000).optional(),
  /** Replaces the whole map ({} removes every route's delay). */
  routeLatencyMs: z
    .record(z.string().regex(/^(GET|POST|PUT|PATCH|DELETE) \/v1\/\S+$/, 'a route like "POST /v1/people"'), z.number().int().min(0).max(60_000))
    .refine((m) => Object.keys(m).length <= 50, "At most 50 routes")
    .optional(),
  callingDataLatencyMs: z.number().int().min(0).max(60_000).optional(),
});

export type ConfigPatch = z.infer<typeof configPatchSchema>;

export const clientsSchema = z.array(
  z.strictObject({
    clientId: z.string().min(1),
    clientSecret: z.string().min(1),
    redirectUris: z.array(z.string().url()).min(1),
  }),
);

export function applyConfigPatch(base: EmulatorConfig, patch: ConfigPatch): EmulatorConfig {
  const faults: FaultConfig = { ...base.faults };
  for (const [key, value] of Object.entries(patch.faults ?? {})) {
    if (value !== undefined) faults[key as keyof FaultConfig] = value;
  }
  return {
    rateLimitPerMinute: patch.rateLimitPerMinute ?? base.rateLimitPerMinute,
    latencyMs: patch.latencyMs ?? base.latencyMs,
    faults,
    faultRetryAfterSeconds: patch.faultRetryAfterSeconds ?? base.faultRetryAfterSeconds,
    licenseOverflow: patch.licenseOverflow ?? base.licenseOverflow,
    tokenLifetimeSeconds: patch.tokenLifetimeSeconds ?? base.tokenLifetimeSeconds,
    listLagMs: patch.listLagMs ?? base.listLagMs,
    routeLatencyMs: { ...(patch.routeLatencyMs ?? base.routeLatencyMs) },
    callingDataLatencyMs: patch.callingDataLatencyMs ?? base.callingDataLatencyMs,
  };
}

export function cloneConfig(config: EmulatorConfig): EmulatorConfig {
  return { ...config, faults: { ...config.faults }, routeLatencyMs: { ...config.routeLatencyMs } };
}

export function formatZodError(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const where = issue.path.length > 0 ? issue.path.join(".") : "body";
      return issue.code === "unrecognized_keys" ? `${where}: unknown field(s) ${issue.keys.join(", ")}` : `${where}: ${issue.message}`;
    })
    .join("; ");
}
