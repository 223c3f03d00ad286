#!/usr/bin/env node
// `npm start`: build the console if needed, start the Webex emulator unless real Webex credentials are set,
// then serve the console. `npm run dev` (--dev) runs `next dev` instead of the production build.
import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dev = process.argv.includes("--dev");
const env = { ...process.env };
const port = Number(env.PORT || 3000);
const emulatorPort = Number(env.EMULATOR_PORT || 4010);
const realWebex = Boolean(env.WEBEX_CLIENT_ID && env.WEBEX_CLIENT_SECRET);
const children = [];

function fail(message) {
  console.error(`\n✖ ${message}\n`);
  shutdown(1);
}

function shutdown(code) {
  for (const c of children) if (c.exitCode === null) c.kill("SIGTERM");
  process.exit(code);
}
process.on("SIGINT", () => shutdown(0));
process.on("SIGTERM", () => shutdown(0));

env.PORT = String(port);
env.ROSTER_DATA_DIR = path.resolve(root, env.ROSTER_DATA_DIR || ".data");
env.NEXTAUTH_URL = env.NEXTAUTH_URL || `http://localhost:${port}`;
mkdirSync(env.ROSTER_DATA_DIR, { recursive: true });

if (realWebex) {
  env.WEBEX_API_BASE = env.WEBEX_API_BASE || "https://webexapis.com/v1";
  if (!env.NEXTAUTH_SECRET) fail("NEXTAUTH_SECRET is not set. With real Webex it must be set (e.g. `openssl rand -base64 32`).");
} else {
  if (env.WEBEX_CLIENT_ID || env.WEBEX_CLIENT_SECRET) {
    fail("Set both WEBEX_CLIENT_ID and WEBEX_CLIENT_SECRET to use real Webex, or neither to use the bundled emulator.");
  }
  env.ROSTER_EMULATOR = "1";
  env.EMULATOR_PORT = String(emulatorPort);
  env.WEBEX_API_BASE = `http://127.0.0.1:${emulatorPort}/v1`;
  env.WEBEX_CLIENT_ID = "roster-dev-client";
  env.WEBEX_CLIENT_SECRET = "roster-dev-secret";
}

const buildId = path.join(root, ".next", "BUILD_ID");
const standalone = path.join(root, ".next", "standalone", "server.js");

function newestMtime(dir) {
  let newest = 0;
  if (!existsSync(dir)) return 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function needsBuild() {
  if (!existsSync(buildId) || !existsSync(standalone)) return true;
  const built = statSync(buildId).mtimeMs;
  const sources = ["app", "components", "lib", "public"].map((d) => newestMtime(path.join(root, d)));
  const configs = ["next.config.ts", "proxy.ts", "instrumentation.ts", "tailwind.config.ts", "postcss.config.mjs", "tsconfig.json", "package.json", "package-lock.json"].map((f) =>
    existsSync(path.join(root, f)) ? statSync(path.join(root, f)).mtimeMs : 0,
  );
  return Math.max(...sources, ...configs) > built;
}

/**
 * One build at a time per checkout: two starts (two e2e runs, a benchmark and `npm start`) that both find the build
 * stale would otherwise write .next/ together. A folder is the lock (mkdir is atomic); a dead holder's is taken over.
 */
async function withBuildLock(fn) {
  const lock = path.join(root, ".data", "build.lock");
  const owner = path.join(lock, "pid");
  mkdirSync(path.dirname(lock), { recursive: true });
  for (let waited = false; ; ) {
    try {
      mkdirSync(lock);
      writeFileSync(owner, String(process.pid));
      break;
    } catch (err) {
      if (err.code !== "EEXIST") throw err;
      let pid = 0;
      try {
        pid = Number(readFileSync(owner, "utf8"));
      } catch {
        /* being created or removed */
      }
      let alive = true;
      if (!(pid > 0)) {
        try {
          alive = Date.now() - statSync(lock).mtimeMs < 10_000; // no owner written within 10 s: its holder died
        } catch {
          /* removed meanwhile: try again */
        }
      } else {
        try {
          process.kill(pid, 0);
        } catch (e) {
          alive = e.code === "EPERM";
        }
      }
      if (!alive) {
        rmSync(lock, { recursive: true, force: true });
        continue;
      }
      if (!waited) console.log("Waiting for another build of this checkout to finish…");
      waited = true;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
  try {
    return fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

// The standalone server serves static assets only from its own folder. They are copied once per build (the marker
// holds the BUILD_ID copied), so starting a second console, an e2e run or a benchmark on the same build never deletes
// the files a running one is serving (bench/http-harness.ts's serveStaticAssets does the same).
const standaloneDir = path.join(root, ".next", "standalone");
const staticMarker = path.join(standaloneDir, ".static-build-id");
const staticStale = () => !existsSync(staticMarker) || readFileSync(staticMarker, "utf8") !== readFileSync(buildId, "utf8");

if (!dev && (needsBuild() || staticStale())) {
  await withBuildLock(() => {
    if (needsBuild()) {
      // (Checked again: the holder of the lock may have built meanwhile.)
      console.log("Building the console (first start or sources changed)…");
      const r = spawnSync(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], {
        cwd: root,
        stdio: "inherit",
        env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
      });
      if (r.status !== 0) fail("The build failed; see the output above.");
    }
    if (staticStale()) {
      rmSync(path.join(standaloneDir, ".next", "static"), { recursive: true, force: true });
      cpSync(path.join(root, ".next", "static"), path.join(standaloneDir, ".next", "static"), { recursive: true });
      if (existsSync(path.join(root, "public"))) cpSync(path.join(root, "public"), path.join(standaloneDir, "public"), { recursive: true });
      writeFileSync(staticMarker, readFileSync(buildId, "utf8"));
    }
  });
}

async function waitFor(url, what, ms = 60_000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  fail(`${what} did not start within ${ms / 1000}s (${url}).`);
}

function run(cmd, args, name) {
  const child = spawn(cmd, args, { cwd: root, env, stdio: "inherit" });
  child.on("exit", (code, signal) => {
    if (signal !== "SIGTERM") fail(`${name} stopped (${signal ?? `exit code ${code}`}).`);
  });
  children.push(child);
  return child;
}

if (!realWebex) {
  run(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), path.join(root, "emulator/main.ts")], "The Webex emulator");
  await waitFor(`http://127.0.0.1:${emulatorPort}/_emulator/health`, "The Webex emulator");
}

if (dev) {
  run(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "dev", "-p", String(port)], "The console");
} else {
  env.HOSTNAME = env.HOSTNAME_BIND || "0.0.0.0";
  run(process.execPath, [standalone], "The console");
}
await waitFor(`http://127.0.0.1:${port}/signin`, "The console", 120_000);

console.log("");
if (!realWebex) console.log(`  Webex emulator  http://127.0.0.1:${emulatorPort}  (API base ${env.WEBEX_API_BASE})`);
else console.log(`  Webex           ${env.WEBEX_API_BASE}`);
console.log(`  Console         ${env.NEXTAUTH_URL}`);
if (!realWebex) console.log("  Sign in as admin@acme.example (or helpdesk@, auditor@, employee@) on the emulator's sign-in page.");
console.log("");
