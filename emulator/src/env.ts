import { z } from "zod";
import { applyConfigPatch, clientsSchema, configPatchSchema, DEFAULT_CONFIG, DEFAULT_PEOPLE, formatZodError, MAX_PEOPLE, type ConfigPatch } from "./config";
import type { EmulatorOptions } from "./server";

// Turns EMULATOR_* variables into startEmulator options; a bad value stops start-up with a message
// naming the variable rather than starting with a surprising default.
export function optionsFromEnv(env: NodeJS.ProcessEnv): EmulatorOptions {
  const int = (name: string, min: number, max: number): number | undefined => {
    const raw = env[name];
    if (raw === undefined || raw === "") return undefined;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new Error(`${name} must be an integer between ${min} and ${max} (got "${raw}")`);
    }
    return value;
  };
  const json = (name: string): unknown => {
    const raw = env[name];
    if (raw === undefined || raw === "") return undefined;
    try {
      return JSON.parse(raw);
    } catch {
      throw new Error(`${name} is not valid JSON`);
    }
  };

  const patch: ConfigPatch = {
    rateLimitPerMinute: int("EMULATOR_RATE_LIMIT_PER_MINUTE", 1, 1_000_000),
    latencyMs: int("EMULATOR_LATENCY_MS", 0, 60_000),
    tokenLifetimeSeconds: int("EMULATOR_TOKEN_LIFETIME_SECONDS", 1, 31_536_000),
    faults: json("EMULATOR_FAULTS") as ConfigPatch["faults"],
    licenseOverflow: (env.EMULATOR_LICENSE_OVERFLOW || undefined) as ConfigPatch["licenseOverflow"],
  };
  const parsed = configPatchSchema.safeParse(patch);
  if (!parsed.success) {
    const names: Record<string, string> = { licenseOverflow: "EMULATOR_LICENSE_OVERFLOW", faults: "EMULATOR_FAULTS" };
    const issue = parsed.error.issues[0];
    const variable = names[String(issue?.path[0])] ?? "EMULATOR_*";
    throw new Error(`${variable}: invalid value (${formatZodError(parsed.error)})`);
  }

  const rawClients = json("EMULATOR_CLIENTS");
  let clients: z.infer<typeof clientsSchema> | undefined;
  if (rawClients !== undefined) {
    const result = clientsSchema.safeParse(rawClients);
    if (!result.success) throw new Error(`EMULATOR_CLIENTS: ${formatZodError(result.error)}`);
    clients = result.data;
  }

  return {
    port: int("EMULATOR_PORT", 0, 65535) ?? 4010,
    host: env.EMULATOR_HOST || "127.0.0.1",
    people: int("EMULATOR_PEOPLE", 4, MAX_PEOPLE) ?? DEFAULT_PEOPLE,
    seed: int("EMULATOR_SEED", 0, 2 ** 32 - 1),
    config: applyConfigPatch(DEFAULT_CONFIG, parsed.data),
    clients,
  };
}
