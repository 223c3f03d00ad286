import { startEmulator, type EmulatorOptions } from "../src/server";

export interface Emu {
  url: string;
  api: string;
  close(): Promise<void>;
  token(email: string, scopes?: string[]): Promise<string>;
  call(path: string, init?: CallInit): Promise<Response>;
  json<T = Record<string, unknown>>(path: string, init?: CallInit): Promise<T>;
  control(path: string, method?: string, body?: unknown): Promise<Response>;
}

export interface CallInit {
  method?: string;
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export const ADMIN = "admin@acme.example";
export const HELPDESK = "helpdesk@acme.example";
export const AUDITOR = "auditor@acme.example";
export const EMPLOYEE = "employee@acme.example";

/** One emulator per test file, on a random port; a high rate limit unless the test is about limits. */
export async function startTestEmulator(opts: EmulatorOptions = {}): Promise<Emu> {
  const running = await startEmulator({
    port: 0,
    people: 200,
    seed: 7,
    ...opts,
    config: { rateLimitPerMinute: 1_000_000, ...opts.config },
  });
  const control = (path: string, method = "GET", body?: unknown) =>
    fetch(`${running.url}/_emulator${path}`, {
      method,
      headers: body === undefined ? {} : { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const call = (path: string, init: CallInit = {}) => {
    const headers: Record<string, string> = { ...init.headers };
    if (init.token) headers.Authorization = `Bearer ${init.token}`;
    let body: string | undefined;
    if (init.body !== undefined) {
      body = typeof init.body === "string" ? init.body : JSON.stringify(init.body);
      headers["Content-Type"] ??= "application/json";
    }
    const url = path.startsWith("http") ? path : `${running.url}/v1${path}`;
    return fetch(url, { method: init.method ?? "GET", headers, body });
  };
  return {
    url: running.url,
    api: `${running.url}/v1`,
    close: running.close,
    control,
    call,
    async json<T>(path: string, init?: CallInit) {
      const res = await call(path, init);
      if (!res.ok) throw new Error(`${init?.method ?? "GET"} ${path} → ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    },
    async token(email: string, scopes?: string[]) {
      const res = await control("/tokens", "POST", { email, scopes });
      if (!res.ok) throw new Error(`token for ${email}: ${res.status}`);
      return ((await res.json()) as { access_token: string }).access_token;
    },
  };
}

/**
 * Back to the seeded org (reset), with the test's high rate limit set again, and a fresh token for `email`.
 */
export async function resetForTest(emu: Emu, email = ADMIN): Promise<string> {
  await emu.control("/reset", "POST", {});
  await emu.control("/config", "PUT", { rateLimitPerMinute: 1_000_000 });
  return emu.token(email);
}

export function nextUrl(link: string | null): string | undefined {
  return link ? /<([^>]+)>;\s*rel="next"/.exec(link)?.[1] : undefined;
}

export interface PersonJson {
  id: string;
  emails: string[];
  displayName: string;
  licenses?: string[];
  roles?: string[];
  [key: string]: unknown;
}

export interface LicenseJson {
  id: string;
  name: string;
  totalUnits: number;
  consumedUnits: number;
  consumedByUsers: number;
  consumedByWorkspaces: number;
}

export async function licensesByName(emu: Emu, token: string): Promise<Map<string, LicenseJson>> {
  const body = await emu.json<{ items: LicenseJson[] }>("/licenses", { token });
  return new Map(body.items.map((l) => [l.name, l]));
}

export async function walkPeople(emu: Emu, token: string, query: string): Promise<PersonJson[]> {
  const out: PersonJson[] = [];
  let next: string | undefined = `${emu.api}/people?${query}`;
  while (next) {
    const res = await emu.call(next, { token });
    if (res.status !== 200) throw new Error(`walk: ${res.status} ${await res.text()}`);
    out.push(...((await res.json()) as { items: PersonJson[] }).items);
    next = nextUrl(res.headers.get("link"));
  }
  return out;
}
