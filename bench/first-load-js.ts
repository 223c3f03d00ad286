// First-load JavaScript of the console's pages as a signed-in admin's browser gets it (issue 11: /people at most
// 200 kB gzip). The production build and the emulator run as real processes (http-harness.ts: startStack, and
// oauthSignIn for a session through the real OAuth flow); then, for each page:
//   - headless Chromium (Debian's, /usr/bin/chromium) with the session cookie loads the page and counts every
//     JavaScript response up to network idle. Router prefetches of linked pages (requests with the
//     `Next-Router-Prefetch` header, which would pull in those pages' chunks) are aborted: they are the next
//     page's code, not this one's. This is the figure that counts;
//   - for comparison, the HTML fetched with the same cookie: the `<script src>` chunks, and the chunks named only
//     in the inline flight data (`self.__next_f`), which React loads before hydrating the client components.
// Each chunk is gzipped with node:zlib at the default level (6, what `gzip` and most servers send) and at level 9;
// kB = 1,000 bytes. Prints the total per page, the chunks shared by every page, and /people's largest chunks.
// `npx tsx bench/first-load-js.ts ["/people /people?size=1000 / /licenses /people/import"]` — needs a production build
// (`npx next build`).
import { cpSync, existsSync, rmSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { chromium } from "@playwright/test";
import { oauthSignIn, startStack } from "./http-harness";

const PAGES = (process.argv[2] ?? "/people /people?size=1000 / /licenses /people/import").split(" ");
const GOAL: Record<string, number> = { "/people": 200 };
const ROOT = path.resolve(__dirname, "..");

interface Chunk {
  file: string;
  raw: number;
  gz: number;
  gz9: number;
  /** Libraries recognised in the chunk (LIBRARIES). */
  libs: string[];
}

// Strings that only these libraries' minified code contains: which of them a page's first load carries.
const LIBRARIES: Record<string, string> = {
  zod: "Unprocessed schema. This is a bug in Zod.",
  sonner: "data-sonner-toaster",
  "next-auth/react": "nextauth.message",
  "@tanstack/react-virtual": "smoothFinishing",
  recharts: "recharts-wrapper",
  papaparse: "UndetectableDelimiter",
};

const kB = (bytes: number) => (bytes / 1000).toFixed(1).padStart(7);

function chunkFiles(html: string): { tags: Set<string>; flight: Set<string> } {
  const tags = new Set<string>();
  // The `noModule` polyfill script is listed too, but no current browser loads it.
  const noModule = new Set<string>();
  for (const [tag] of html.matchAll(/<script\b[^>]*>/g)) {
    const src = /\ssrc="([^"]+\.js)[^"]*"/.exec(tag)?.[1];
    if (src) (/\snomodule\b/i.test(tag) ? noModule : tags).add(path.posix.basename(src));
  }
  const flight = new Set<string>();
  // Flight rows are JSON inside JS strings, so the quotes around a chunk path may be escaped.
  for (const m of html.matchAll(/static\/chunks\/([\w.~-]+\.js)/g)) if (!tags.has(m[1]!) && !noModule.has(m[1]!)) flight.add(m[1]!);
  return { tags, flight };
}

async function main(): Promise<void> {
  // The standalone server serves static assets only from its own folder (as scripts/start.mjs arranges).
  const sa = path.join(ROOT, ".next/standalone/.next/static");
  if (existsSync(path.join(ROOT, ".next/standalone"))) {
    rmSync(sa, { recursive: true, force: true });
    cpSync(path.join(ROOT, ".next/static"), sa, { recursive: true });
  }
  const stack = await startStack({ people: 2000, perMinute: 6000 });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
  try {
    // One retry: on a loaded machine the console's first sign-in has been seen to drop its connection.
    const signIn = () => oauthSignIn({ base: stack.base, emulator: stack.emulator, email: "admin@acme.example" });
    const cookie = await signIn().catch(async () => {
      await new Promise((r) => setTimeout(r, 2000));
      return signIn();
    });
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await context.addCookies(
      cookie.split("; ").map((pair) => {
        const i = pair.indexOf("=");
        return { name: pair.slice(0, i), value: pair.slice(i + 1), url: stack.base };
      }),
    );

    const sizes = new Map<string, Chunk>();
    const sizeOf = async (url: string): Promise<Chunk> => {
      const file = path.posix.basename(new URL(url).pathname);
      let c = sizes.get(file);
      if (!c) {
        const res = await fetch(url);
        if (!res.ok) throw new Error(`${url} → ${res.status}`);
        const body = Buffer.from(await res.arrayBuffer());
        const text = body.toString("utf8");
        const libs = Object.keys(LIBRARIES).filter((name) => text.includes(LIBRARIES[name]!));
        c = { file, raw: body.length, gz: gzipSync(body).length, gz9: gzipSync(body, { level: 9 }).length, libs };
        sizes.set(file, c);
      }
      return c;
    };

    const perPage = new Map<string, Chunk[]>();
    console.log("page               browser JS: files   raw kB  gzip kB  gzip-9 kB   | HTML <script src> / flight-only chunks, prefetches aborted");
    for (const p of PAGES) {
      const html = await (await fetch(`${stack.base}${p}`, { headers: { cookie } })).text();
      const { tags, flight } = chunkFiles(html);

      const page = await context.newPage();
      const js = new Set<string>();
      let prefetches = 0;
      await page.route("**/*", (route) => {
        if (route.request().headers()["next-router-prefetch"]) {
          prefetches++;
          return route.abort();
        }
        return route.continue();
      });
      page.on("response", (res) => {
        const u = new URL(res.url());
        if (u.origin === stack.base && (res.request().resourceType() === "script" || u.pathname.endsWith(".js"))) js.add(res.url());
      });
      await page.goto(`${stack.base}${p}`, { waitUntil: "networkidle" });
      if (new URL(page.url()).pathname !== new URL(p, stack.base).pathname) throw new Error(`${p} ended on ${page.url()} (not signed in?)`);
      await page.close();

      const chunks = await Promise.all([...js].map(sizeOf));
      perPage.set(p, chunks);
      const sum = (k: "raw" | "gz" | "gz9") => chunks.reduce((a, c) => a + c[k], 0);
      const browserFiles = new Set(chunks.map((c) => c.file));
      const notInHtml = [...browserFiles].filter((f) => !tags.has(f) && !flight.has(f));
      const notLoaded = [...tags, ...flight].filter((f) => !browserFiles.has(f));
      const goal = GOAL[p] ? (sum("gz") / 1000 <= GOAL[p] ? `  ≤ ${GOAL[p]} kB: met` : `  ≤ ${GOAL[p]} kB: NOT met`) : "";
      console.log(
        `${p.padEnd(18)} ${String(chunks.length).padStart(13)}  ${kB(sum("raw"))}  ${kB(sum("gz"))}  ${kB(sum("gz9"))}     | ${tags.size} / ${flight.size}, ${prefetches}` +
          (notInHtml.length ? `; loaded but not named in the HTML: ${notInHtml.join(" ")}` : "") +
          (notLoaded.length ? `; named in the HTML but not loaded: ${notLoaded.join(" ")}` : "") +
          goal,
      );
      const libs = [...new Set(chunks.flatMap((c) => c.libs))];
      if (libs.length) console.log(`${"".padEnd(18)} libraries on this first load: ${libs.join(", ")}`);
    }

    const all = [...perPage.values()];
    const shared = all[0]!.filter((c) => all.every((cs) => cs.some((x) => x.file === c.file)));
    console.log(
      `\nshared by all ${all.length} pages: ${shared.length} files, ${kB(shared.reduce((a, c) => a + c.gz, 0)).trim()} kB gzip (${kB(shared.reduce((a, c) => a + c.raw, 0)).trim()} kB raw)`,
    );
    const people = perPage.get("/people") ?? all[0]!;
    console.log(`\nlargest chunks of ${perPage.has("/people") ? "/people" : PAGES[0]} (gzip kB, raw kB, shared?):`);
    for (const c of [...people].sort((a, b) => b.gz - a.gz).slice(0, 12)) {
      console.log(`  ${kB(c.gz)}  ${kB(c.raw)}  ${shared.includes(c) ? "shared" : "      "}  ${c.file}${c.libs.length ? `  (${c.libs.join(", ")})` : ""}`);
    }
  } finally {
    await browser.close();
    await stack.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
