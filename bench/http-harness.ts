// Shared by the HTTP benchmarks (not a benchmark itself): the emulator and the console's production build
// (`next build` first) as real processes on free ports, and a real signed-in session (the OAuth flow driven with
// fetch and a cookie jar). What it measures is what a browser gets: HTTP, session decoding, the route, Webex.
import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

const ROOT = path.resolve(__dirname, "..");

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/**
 * The standalone server serves the browser's scripts only from its own folder (as scripts/start.mjs arranges, with the
 * same marker): copied once per build, so a benchmark never deletes the files a running console is serving.
 */
export function serveStaticAssets(): void {
  const built = path.join(ROOT, ".next/static");
  const standalone = path.join(ROOT, ".next/standalone");
  const buildId = path.join(ROOT, ".next/BUILD_ID");
  if (!existsSync(built) || !existsSync(buildId)) return;
  const marker = path.join(standalone, ".static-build-id");
  const id = readFileSync(buildId, "utf8");
  if (existsSync(marker) && readFileSync(marker, "utf8") === id) return;
  rmSync(path.join(standalone, ".next/static"), { recursive: true, force: true });
  cpSync(built, path.join(standalone, ".next/static"), { recursive: true });
  if (existsSync(path.join(ROOT, "public"))) cpSync(path.join(ROOT, "public"), path.join(standalone, "public"), { recursive: true });
  writeFileSync(marker, id);
}

export async function waitUp(url: string, ms = 120_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not come up within ${ms / 1000} s`);
}

export interface Stack {
  base: string;
  emulator: string;
  /** Kills the console process (SIGKILL: no chance to clean up) and waits for it to be gone. */
  killConsole(): Promise<void>;
  /** Starts the console again on the same port and data folder. */
  startConsole(): Promise<void>;
  /** A session cookie for that account, from the real sign-in flow. */
  signIn(email: string): Promise<Session>;
  control<T = unknown>(p: string, method?: string, body?: unknown): Promise<T>;
  close(): Promise<void>;
}

export interface Session {
  get(p: string): Promise<Response>;
  send(method: string, p: string, body?: unknown): Promise<Response>;
  /** A POST with a body sent as is (an uploaded file). */
  upload(p: string, body: string | Uint8Array<ArrayBuffer>, type: string): Promise<Response>;
}

export interface StackOptions {
  people?: number;
  /** The console's WEBEX_RATE_LIMIT_PER_MINUTE and the emulator's limit. */
  perMinute?: number;
  emulatorLatencyMs?: number;
  env?: Record<string, string>;
  /** Extra arguments for the console's node process (e.g. --cpu-prof). */
  nodeArgs?: string[];
}

export async function startStack(opts: StackOptions = {}): Promise<Stack> {
  const server = path.join(ROOT, ".next/standalone/server.js");
  if (!existsSync(server)) throw new Error("No production build: run `npx next build` (or `npm start` once) first.");
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "roster-bench-"));
  const [emuPort, port] = await Promise.all([freePort(), freePort()]);
  const emulator = `http://127.0.0.1:${emuPort}`;
  const base = `http://127.0.0.1:${port}`;
  const children: ChildProcess[] = [];
  const run = (args: string[], env: Record<string, string>) => {
    const c = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "inherit"] });
    children.push(c);
    return c;
  };
  const perMinute = String(opts.perMinute ?? 600);
  run([path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), path.join(ROOT, "emulator/main.ts")], {
    EMULATOR_PORT: String(emuPort),
    EMULATOR_PEOPLE: String(opts.people ?? 2000),
    EMULATOR_RATE_LIMIT_PER_MINUTE: perMinute,
    EMULATOR_LATENCY_MS: String(opts.emulatorLatencyMs ?? 0),
  });
  await waitUp(`${emulator}/_emulator/health`);
  let consoleProcess: ChildProcess;
  const startConsole = async () => {
    consoleProcess = run([...(opts.nodeArgs ?? []), server], {
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      NODE_ENV: "production",
      ROSTER_EMULATOR: "1",
      WEBEX_API_BASE: `${emulator}/v1`,
      WEBEX_CLIENT_ID: "roster-dev-client",
      WEBEX_CLIENT_SECRET: "roster-dev-secret",
      NEXTAUTH_URL: base,
      ROSTER_DATA_DIR: dataDir,
      WEBEX_RATE_LIMIT_PER_MINUTE: perMinute,
      ROSTER_SNAPSHOT_INTERVAL_MINUTES: "0",
      ...opts.env,
    });
    await waitUp(`${base}/signin`);
  };
  const killConsole = async () => {
    if (consoleProcess.exitCode !== null) return;
    const gone = new Promise((r) => consoleProcess.once("exit", r));
    consoleProcess.kill("SIGKILL");
    await gone;
  };
  await startConsole();

  const control = async <T,>(p: string, method = "GET", body?: unknown): Promise<T> => {
    const res = await fetch(`${emulator}/_emulator${p}`, { method, headers: body ? { "content-type": "application/json" } : {}, body: body ? JSON.stringify(body) : undefined });
    if (!res.ok) throw new Error(`${method} /_emulator${p} → ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };

  const signIn = async (email: string): Promise<Session> => cookieSession(base, await oauthSignIn({ base, emulator, email }));

  return {
    base,
    emulator,
    killConsole,
    startConsole,
    signIn,
    control,
    close: async () => {
      // SIGTERM first: the console shuts down gracefully (and writes a --cpu-prof profile); SIGKILL after 5 s.
      const exited = children.map((c) => (c.exitCode === null && c.signalCode === null ? new Promise((r) => c.once("exit", r)) : Promise.resolve()));
      for (const c of children) if (c.exitCode === null) c.kill("SIGTERM");
      await Promise.race([Promise.all(exited), new Promise((r) => setTimeout(r, 5_000))]);
      for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Signs in through the real OAuth flow (the console's sign-in endpoint, the emulator's consent page, the callback),
 * every console step sent to `base`, and returns the cookies it ends with (a `cookie` header value). `base` may be
 * one instance of several behind a load balancer: the callback then goes to that same instance, not to the
 * NEXTAUTH_URL the emulator redirects to.
 */
export async function oauthSignIn(opts: { base: string; emulator: string; email: string }): Promise<string> {
  const { base, emulator, email } = opts;
  const jar = new Map<string, string>();
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair!.indexOf("=");
      jar.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
  };
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  keep(csrfRes);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const start = await fetch(`${base}/api/auth/signin/webex`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie(), origin: base },
    body: new URLSearchParams({ csrfToken, callbackUrl: `${base}/people`, json: "true" }),
  });
  keep(start);
  const startJson = (await start.json().catch(() => null)) as { url?: string } | null;
  const authorize = new URL(startJson?.url ?? start.headers.get("location")!);
  const form = new URLSearchParams(authorize.searchParams);
  form.set("email", email);
  const consent = await fetch(`${emulator}/v1/authorize`, { method: "POST", redirect: "manual", headers: { "content-type": "application/x-www-form-urlencoded" }, body: form });
  const location = consent.headers.get("location");
  if (!location) throw new Error(`emulator consent answered ${consent.status}`);
  const callback = new URL(location);
  const at = new URL(base);
  callback.protocol = at.protocol;
  callback.host = at.host;
  const done = await fetch(callback, { redirect: "manual", headers: { cookie: cookie() } });
  keep(done);
  if (![...jar.keys()].some((k) => k.endsWith("next-auth.session-token"))) throw new Error(`sign-in failed: callback answered ${done.status}`);
  return cookie();
}

/** Requests to `base` with a session's cookies; mutations carry `origin` (the console's NEXTAUTH_URL, default `base`). */
export function cookieSession(base: string, cookie: string, origin = base): Session {
  return {
    get: (p) => fetch(`${base}${p}`, { headers: { cookie, accept: "application/json", ...(process.env.BENCH_NO_GZIP ? { "accept-encoding": "identity" } : {}) } }),
    send: (method, p, body) =>
      fetch(`${base}${p}`, {
        method,
        headers: { cookie, origin, accept: "application/json", ...(body === undefined ? {} : { "content-type": "application/json" }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    upload: (p, body, type) => fetch(`${base}${p}`, { method: "POST", headers: { cookie, origin, accept: "application/json", "content-type": type }, body }),
  };
}

export function pct(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}
