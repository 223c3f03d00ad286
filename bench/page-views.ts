// Webex calls per page view, as an admin browsing once through the console costs the org's shared budget.
// A real browser (Debian's Chromium) signs in through the real flow (the emulator's consent page) on the
// production build, then walks: overview, people, a person, add person, licenses, a license, reclaim, roles,
// activity, people again — clicking the links a person would click (the address bar for add person and reclaim),
// waiting on each page until its data shows and the network is quiet. The emulator's call counter
// (GET /_emulator/stats) is read before and after each page. Jobs is visited after the walk (Roster's own data:
// it must cost nothing) and is not part of the average. Then a second admin of the org (helpdesk@, in their own
// browser context) walks the same way right after: what the org's shared reference data saves a colleague.
// `npx tsx bench/page-views.ts [people=2000]` — needs a production build (`npx next build`).
// ROSTER_REFERENCE_TTL_SECONDS (passed through) changes the reference-data cache's lifetime; 0 turns it off.
import { chromium, type Page } from "@playwright/test";
import { serveStaticAssets, startStack } from "./http-harness";

const PEOPLE = Number(process.argv[2] ?? 2000);

type Stats = { total: number; routes: Record<string, Record<string, number>> };

interface Step {
  name: string;
  go(page: Page, base: string): Promise<void>;
  /** The page's data is on screen. */
  shown(page: Page): Promise<void>;
}

const nav = (label: string) => async (page: Page) => {
  await page.getByRole("navigation", { name: "Main", exact: true }).getByRole("link", { name: label, exact: true }).click();
};

const heading = (page: Page, name: string | RegExp) => page.getByRole("heading", { level: 1, name }).waitFor();

const steps: Step[] = [
  {
    name: "overview",
    go: nav("Overview"),
    shown: async (page) => {
      await heading(page, "Overview");
      await page.getByTestId("tile-roles").getByRole("listitem").first().waitFor();
    },
  },
  {
    name: "people",
    go: nav("People"),
    shown: async (page) => {
      await heading(page, "People");
      await page.getByTestId("data-row").first().waitFor();
    },
  },
  {
    name: "a person",
    go: async (page) => {
      await page.getByTestId("data-row").nth(3).locator('a[href^="/people/"]').first().click();
    },
    shown: async (page) => {
      await page.waitForURL(/\/people\/[^/]+$/);
      await page.getByRole("heading", { level: 1 }).waitFor();
      await page.getByRole("button", { name: "Edit", exact: true }).waitFor();
    },
  },
  {
    name: "add person",
    go: async (page, base) => {
      await page.goto(`${base}/people/new`);
    },
    shown: async (page) => {
      await heading(page, "Add person");
      await page.getByLabel(/email/i).first().waitFor();
    },
  },
  {
    name: "licenses",
    go: nav("Licenses"),
    shown: async (page) => {
      await heading(page, "Licenses");
      await page.locator('main a[href^="/licenses/"]:not([href="/licenses/reclaim"])').first().waitFor();
    },
  },
  {
    name: "a license",
    go: async (page) => {
      await page.locator('main a[href^="/licenses/"]:not([href="/licenses/reclaim"])').first().click();
    },
    shown: async (page) => {
      await page.waitForURL(/\/licenses\/(?!reclaim)[^/]+$/);
      await page.getByRole("heading", { name: "Who holds it" }).waitFor();
      await page.locator('main a[href^="/people/"]').first().waitFor();
    },
  },
  {
    name: "reclaim",
    go: async (page, base) => {
      await page.goto(`${base}/licenses/reclaim`);
    },
    shown: (page) => heading(page, "Reclaim licenses"),
  },
  {
    name: "roles",
    go: nav("Roles"),
    shown: async (page) => {
      await heading(page, "Roles");
      await page.getByText(/admin@acme\.example/).first().waitFor();
    },
  },
  {
    name: "activity",
    go: nav("Activity"),
    shown: (page) => heading(page, "Activity"),
  },
  {
    name: "people again",
    go: nav("People"),
    shown: async (page) => {
      await heading(page, "People");
      await page.getByTestId("data-row").first().waitFor();
    },
  },
];

const jobs: Step = { name: "jobs (not in the walk)", go: nav("Jobs"), shown: (page) => heading(page, "Jobs") };

/** Route → calls between two stats readings. */
function diff(before: Stats, after: Stats): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [route, statuses] of Object.entries(after.routes)) {
    const n = Object.entries(statuses).reduce((a, [status, c]) => a + c - (before.routes[route]?.[status] ?? 0), 0);
    if (n) out[route] = n;
  }
  return out;
}

async function settle(page: Page): Promise<void> {
  await page.waitForLoadState("networkidle");
  // Late queries (a refetch after hydration, a prefetch after render) start within a moment of the page showing.
  await page.waitForTimeout(750);
  await page.waitForLoadState("networkidle");
}

async function main(): Promise<void> {
  serveStaticAssets();
  const env: Record<string, string> = {};
  if (process.env.ROSTER_REFERENCE_TTL_SECONDS !== undefined) env.ROSTER_REFERENCE_TTL_SECONDS = process.env.ROSTER_REFERENCE_TTL_SECONDS;
  const stack = await startStack({ people: PEOPLE, perMinute: 600, env });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
  try {
    const stats = () => stack.control<Stats>("/stats");

    /** One admin in their own browser context: the real sign-in, then the walk; calls per page. */
    async function walk(email: string): Promise<{ name: string; calls: number; routes: Record<string, number> }[]> {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      const page = await context.newPage();
      // BENCH_TRACE=1: print the console's own requests per page (which fetch or prefetch caused which calls).
      const trace: string[] = [];
      if (process.env.BENCH_TRACE) {
        page.on("request", (r) => {
          const u = new URL(r.url());
          if (u.origin !== stack.base || u.pathname.startsWith("/_next/static")) return;
          const h = r.headers();
          trace.push(`${r.method()} ${u.pathname}${u.search}${h["next-router-prefetch"] ? " (prefetch)" : h.rsc ? " (rsc)" : ""}`);
        });
      }
      // The real sign-in: the console's page, Webex's (the emulator's) consent page, back to Jobs (no Webex data).
      await page.goto(`${stack.base}/jobs`);
      await page.getByRole("button", { name: /sign in with webex/i }).click();
      await page.getByRole("button", { name: new RegExp(email.replace(/[.@]/g, "\\$&"), "i") }).click();
      await page.waitForURL(`${stack.base}/jobs`);
      await heading(page, "Jobs");
      await settle(page);

      const rows: { name: string; calls: number; routes: Record<string, number> }[] = [];
      for (const step of [...steps, jobs]) {
        const before = await stats();
        trace.length = 0;
        await step.go(page, stack.base);
        await step.shown(page);
        await settle(page);
        const after = await stats();
        rows.push({ name: step.name, calls: after.total - before.total, routes: diff(before, after) });
        if (process.env.BENCH_TRACE) console.log(`[${step.name}]\n  ${trace.join("\n  ")}`);
      }
      await context.close();
      return rows;
    }

    const print = (title: string, rows: { name: string; calls: number; routes: Record<string, number> }[]) => {
      console.log(title);
      for (const r of rows) {
        const detail = Object.entries(r.routes).map(([route, n]) => `${route.replace(/^GET \/v1/, "")} ×${n}`).join(", ");
        console.log(`  ${r.name.padEnd(24)} ${String(r.calls).padStart(3)}   ${detail}`);
      }
      const inWalk = rows.slice(0, steps.length);
      const total = inWalk.reduce((a, r) => a + r.calls, 0);
      console.log(`  ${"average over the walk".padEnd(24)} ${(total / inWalk.length).toFixed(2)}   (${total} calls, ${inWalk.length} page views; goal ≤ 1.5)`);
    };

    const ttl = process.env.ROSTER_REFERENCE_TTL_SECONDS ?? "default";
    print(`Webex calls per page view (${PEOPLE} people, the org's first admin of the day, reference TTL ${ttl}):`, await walk("admin@acme.example"));
    // A colleague right after: the org's reference data is already shared (within the TTL).
    print(`A second admin of the same org walking right after (helpdesk@acme.example):`, await walk("helpdesk@acme.example"));
  } finally {
    await browser.close();
    await stack.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
