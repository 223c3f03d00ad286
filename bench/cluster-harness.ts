// Several console instances on one PostgreSQL, as docs/deploy.md recommends running them: the production build
// (`.next/standalone/server.js`) as N processes on free ports with one NEXTAUTH_SECRET, behind a round-robin load
// balancer (no sticky sessions) whose URL is every instance's NEXTAUTH_URL, and the Webex emulator. Used by the
// scale test (tests/scale/) and fit for benchmarks. A sibling of http-harness.ts (one instance, PGlite or
// PostgreSQL), whose sign-in flow it shares.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cpSync, createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { cookieSession, freePort, oauthSignIn, waitUp, type Session } from "./http-harness";

const ROOT = path.resolve(__dirname, "..");

export interface Instance {
  /** "A", "B", … */
  readonly name: string;
  /** Its own URL (not the balancer's). */
  readonly base: string;
  /** Started and not killed. */
  readonly running: boolean;
  /** SIGKILL (no chance to clean up or release anything), then waits for the process to be gone. */
  kill(): Promise<void>;
  /** SIGSTOP / SIGCONT: the process holds its connections and leases but does nothing. */
  freeze(): void;
  thaw(): void;
  /** Starts it (again) on the same port. */
  start(): Promise<void>;
}

export interface ClusterSession {
  /** The `cookie` header of the signed-in session. */
  readonly cookie: string;
  /** The session's requests sent to one instance (or the balancer: `cluster.balancer`). */
  on(target: Instance | string): Session;
}

export interface Cluster {
  emulator: string;
  /** The load balancer: every instance's NEXTAUTH_URL. */
  balancer: string;
  instances: Instance[];
  /** Requests the balancer forwarded to each instance (same order as `instances`). */
  forwarded(): number[];
  /** Signs in through the real OAuth flow, every step on `via` (default: through the balancer). */
  signIn(email: string, via?: Instance): Promise<ClusterSession>;
  control<T = unknown>(p: string, method?: string, body?: unknown): Promise<T>;
  /** Folder with one log file per process (emulator.log, A.log, …), removed by close() unless kept. */
  logDir: string;
  /** The last lines of every process's log but its info lines (one per Webex call), for a failure report. */
  logTails(lines?: number): string;
  close(opts?: { keepLogs?: boolean }): Promise<void>;
}

export interface ClusterOptions {
  instances?: number;
  /** PostgreSQL for every instance (default: DATABASE_URL, e.g. from scripts/with-postgres.sh). */
  databaseUrl?: string;
  people?: number;
  /** Every instance's WEBEX_RATE_LIMIT_PER_MINUTE, and the emulator's limit. */
  perMinute?: number;
  emulatorLatencyMs?: number;
  /** Extra environment for every instance. */
  env?: Record<string, string>;
}

/** The standalone server serves static assets only from its own folder (as scripts/start.mjs arranges). */
function ensureStandaloneAssets(): string {
  const server = path.join(ROOT, ".next/standalone/server.js");
  if (!existsSync(server)) throw new Error("No production build: run `npx next build` first.");
  const buildId = readFileSync(path.join(ROOT, ".next/BUILD_ID"), "utf8").trim();
  const target = path.join(ROOT, ".next/standalone/.next/static");
  if (!existsSync(path.join(target, buildId))) {
    rmSync(target, { recursive: true, force: true });
    cpSync(path.join(ROOT, ".next/static"), target, { recursive: true });
  }
  if (existsSync(path.join(ROOT, "public"))) cpSync(path.join(ROOT, "public"), path.join(ROOT, ".next/standalone/public"), { recursive: true });
  return server;
}

/**
 * A plain round-robin reverse proxy over the instances that are running. A request whose instance refuses the
 * connection (killed) goes to the next one, as a load balancer's health check would arrange.
 */
function startBalancer(instances: Instance[], counts: number[]): Promise<http.Server> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  let next = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const attempt = (tries: number) => {
        const live = instances.map((inst, i) => ({ inst, i })).filter((x) => x.inst.running);
        if (live.length === 0 || tries >= instances.length) {
          res.writeHead(502, { "content-type": "text/plain" }).end("no instance answered");
          return;
        }
        const { inst, i } = live[next++ % live.length]!;
        const target = new URL(inst.base);
        const headers = { ...req.headers, "x-forwarded-for": req.socket.remoteAddress ?? "", "x-forwarded-proto": "http", "x-forwarded-host": req.headers.host ?? "" };
        const up = http.request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers, agent }, (upRes) => {
          counts[i]!++;
          res.writeHead(upRes.statusCode ?? 502, upRes.headers);
          upRes.pipe(res);
        });
        up.on("error", (err: NodeJS.ErrnoException) => {
          if (res.headersSent) return void res.destroy(err);
          if (err.code === "ECONNREFUSED" || err.code === "ECONNRESET") return attempt(tries + 1);
          res.writeHead(502, { "content-type": "text/plain" }).end(String(err));
        });
        up.end(body);
      };
      attempt(0);
    });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve(server));
  });
}

export async function startCluster(opts: ClusterOptions = {}): Promise<Cluster> {
  const databaseUrl = opts.databaseUrl ?? process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error("Several instances need PostgreSQL: set DATABASE_URL (or run under scripts/with-postgres.sh).");
  const server = ensureStandaloneAssets();
  const count = opts.instances ?? 2;
  const logDir = mkdtempSync(path.join(os.tmpdir(), "roster-cluster-"));
  const children = new Set<ChildProcess>();
  // Whatever happens to the test process (an exit, Ctrl-C, a runner's SIGTERM), its children go with it.
  const killAll = () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  };
  const onSignal = (signal: NodeJS.Signals) => {
    killAll();
    process.kill(process.pid, signal); // the listener is gone (once): the default action ends the process
  };
  const signals = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
  process.once("exit", killAll);
  for (const sig of signals) process.once(sig, onSignal);

  const spawnLogged = (name: string, args: string[], env: Record<string, string>): ChildProcess => {
    const log = createWriteStream(path.join(logDir, `${name}.log`), { flags: "a" });
    const c = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    c.stdout!.pipe(log, { end: false });
    c.stderr!.pipe(log, { end: false });
    children.add(c);
    c.once("exit", () => children.delete(c));
    return c;
  };

  const perMinute = String(opts.perMinute ?? 600);
  const emuPort = await freePort();
  const emulator = `http://127.0.0.1:${emuPort}`;
  // `node --import tsx` rather than the tsx CLI: one process (the CLI runs the script in a child of its own, which a
  // SIGKILL of the CLI would leave behind).
  spawnLogged("emulator", ["--import", "tsx", path.join(ROOT, "emulator/main.ts")], {
    EMULATOR_PORT: String(emuPort),
    EMULATOR_PEOPLE: String(opts.people ?? 2000),
    EMULATOR_RATE_LIMIT_PER_MINUTE: perMinute,
    EMULATOR_LATENCY_MS: String(opts.emulatorLatencyMs ?? 0),
  });

  const counts: number[] = Array.from({ length: count }, () => 0);
  const instances: Instance[] = [];
  const balancerServer = await startBalancer(instances, counts);
  const balancer = `http://127.0.0.1:${(balancerServer.address() as AddressInfo).port}`;
  const secret = randomBytes(32).toString("base64url");

  for (let i = 0; i < count; i++) {
    const name = String.fromCharCode(65 + i);
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const dataDir = path.join(logDir, `data-${name}`);
    let proc: ChildProcess | null = null;
    const alive = () => proc !== null && proc.exitCode === null && proc.signalCode === null;
    instances.push({
      name,
      base,
      get running() {
        return alive();
      },
      async start() {
        if (alive()) return;
        proc = spawnLogged(name, [server], {
          PORT: String(port),
          HOSTNAME: "127.0.0.1",
          NODE_ENV: "production",
          ROSTER_EMULATOR: "1",
          WEBEX_API_BASE: `${emulator}/v1`,
          WEBEX_CLIENT_ID: "roster-dev-client",
          WEBEX_CLIENT_SECRET: "roster-dev-secret",
          NEXTAUTH_URL: balancer,
          NEXTAUTH_SECRET: secret,
          DATABASE_URL: databaseUrl,
          ROSTER_DATA_DIR: dataDir,
          WEBEX_RATE_LIMIT_PER_MINUTE: perMinute,
          ROSTER_SNAPSHOT_INTERVAL_MINUTES: "0",
          ...opts.env,
        });
        const exited = new Promise<never>((_, reject) =>
          proc!.once("exit", (code, signal) => reject(new Error(`instance ${name} exited during start-up (${signal ?? `exit ${code}`}); see ${logDir}/${name}.log`))),
        );
        exited.catch(() => {});
        await Promise.race([waitUp(`${base}/signin`), exited]);
      },
      async kill() {
        if (!alive()) return;
        const gone = new Promise((r) => proc!.once("exit", r));
        proc!.kill("SIGKILL");
        await gone;
      },
      freeze() {
        if (alive()) proc!.kill("SIGSTOP");
      },
      thaw() {
        if (alive()) proc!.kill("SIGCONT");
      },
    });
  }

  const close = async (o: { keepLogs?: boolean } = {}) => {
    await new Promise<void>((r) => balancerServer.close(() => r()));
    balancerServer.closeAllConnections();
    for (const c of children) {
      c.kill("SIGCONT");
      c.kill("SIGTERM");
    }
    const until = Date.now() + 3_000;
    while (children.size > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    killAll();
    while (children.size > 0) await new Promise((r) => setTimeout(r, 50));
    process.removeListener("exit", killAll);
    for (const sig of signals) process.removeListener(sig, onSignal);
    if (!o.keepLogs) rmSync(logDir, { recursive: true, force: true });
  };

  try {
    await waitUp(`${emulator}/_emulator/health`);
    await Promise.all(instances.map((inst) => inst.start()));
  } catch (err) {
    await close({ keepLogs: true });
    throw err;
  }

  const control = async <T,>(p: string, method = "GET", body?: unknown): Promise<T> => {
    const res = await fetch(`${emulator}/_emulator${p}`, { method, headers: body ? { "content-type": "application/json" } : {}, body: body ? JSON.stringify(body) : undefined });
    if (!res.ok) throw new Error(`${method} /_emulator${p} → ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };

  return {
    emulator,
    balancer,
    instances,
    forwarded: () => [...counts],
    async signIn(email, via) {
      const cookie = await oauthSignIn({ base: via?.base ?? balancer, emulator, email });
      // Mutations carry the browser's Origin: the public URL (NEXTAUTH_URL), whichever instance answers.
      return { cookie, on: (target) => cookieSession(typeof target === "string" ? target : target.base, cookie, balancer) };
    },
    control,
    logDir,
    logTails(lines = 30) {
      const names = ["emulator", ...instances.map((i) => i.name)];
      return names
        .map((n) => {
          const file = path.join(logDir, `${n}.log`);
          const all = existsSync(file) ? readFileSync(file, "utf8").trimEnd().split("\n") : ["(no log)"];
          const text = all.filter((l) => !l.includes('"level":"info"')).slice(-lines).join("\n");
          return `--- ${n}.log (last ${lines} lines) ---\n${text}`;
        })
        .join("\n");
    },
    close,
  };
}
