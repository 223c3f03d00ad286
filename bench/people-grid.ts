// People grid in a real browser against the running e2e server (console :3100, emulator :4110, 2,000 people):
//   1. navigation → first rows visible (server prefetch + hydration), p50/p95 over 20 runs;
//   2. "Next" click → the next page's rows visible, p50/p95 over 20 runs: after a 300 ms pause (the next page has
//      been prefetched, as a user gets it), and clicking again the moment rows appear (prefetch may be in flight);
//   3. DOM row count on a 1000-row page (virtualised; must stay under 100), at the top, middle and bottom.
// Run: start the e2e server (e.g. `flock /tmp/build.lock npx playwright test e2e/people-grid.spec.ts` leaves none
// running, so: `PORT=3100 EMULATOR_PORT=4110 ROSTER_DATA_DIR=.data/e2e WEBEX_CLIENT_ID= WEBEX_CLIENT_SECRET= node scripts/start.mjs &`)
// then `npx tsx bench/people-grid.ts [runs=20]`.
import { chromium, type Page } from "@playwright/test";

const BASE = process.env.E2E_BASE ?? "http://localhost:3100";
const EMULATOR = process.env.E2E_EMULATOR ?? "http://127.0.0.1:4110";
const RUNS = Number(process.argv[2] ?? 20);

function pct(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}
const line = (label: string, v: number[]) =>
  `${label.padEnd(44)} p50 ${pct(v, 50).toFixed(0).padStart(5)} ms   p95 ${pct(v, 95).toFixed(0).padStart(5)} ms   (n=${v.length})`;

async function signIn(page: Page): Promise<void> {
  await page.goto(`${BASE}/people`);
  await page.getByRole("button", { name: /sign in with webex/i }).click();
  await page.getByRole("button", { name: /admin@acme\.example/i }).click();
  await page.getByTestId("data-row").first().waitFor();
}

async function firstRowId(page: Page): Promise<string | null> {
  return page.getByTestId("data-row").first().locator('a[href^="/people/"]').getAttribute("href");
}

async function main(): Promise<void> {
  const up = await fetch(`${BASE}/signin`).catch(() => null);
  if (!up?.ok) throw new Error(`No console at ${BASE}: start the e2e server first (see the header of this file).`);
  await fetch(`${EMULATOR}/_emulator/config`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ rateLimitPerMinute: 100_000 }) });

  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  try {
    await signIn(page);

    // 1. Navigation → first rows visible (a full document load each time).
    const nav: number[] = [];
    for (let i = 0; i < RUNS + 2; i++) {
      const t0 = performance.now();
      await page.goto(`${BASE}/people`, { waitUntil: "commit" });
      await page.getByTestId("data-row").first().waitFor();
      if (i >= 2) nav.push(performance.now() - t0); // two warm-up loads
    }

    // 2. Next click → rows (pages of 50: 40 pages, enough for 20 runs without reaching the end).
    const clickNext = async (): Promise<number> => {
      const before = await firstRowId(page);
      const t0 = performance.now();
      await page.getByRole("button", { name: "Next", exact: true }).click();
      await page.waitForFunction(
        (prev) => {
          const a = document.querySelector('[data-testid="data-row"] a[href^="/people/"]');
          return a && a.getAttribute("href") !== prev && !document.querySelector("[aria-busy=true]");
        },
        before,
        { polling: "raf" },
      );
      return performance.now() - t0;
    };
    const warm: number[] = [];
    await page.goto(`${BASE}/people?size=50`);
    await page.locator("section[data-hydrated]").waitFor();
    for (let i = 0; i < RUNS; i++) {
      await page.waitForTimeout(300); // a user's pause; the prefetch of the next page completes meanwhile
      warm.push(await clickNext());
    }
    const cold: number[] = [];
    await page.goto(`${BASE}/people?size=50`);
    await page.locator("section[data-hydrated]").waitFor();
    for (let i = 0; i < RUNS; i++) cold.push(await clickNext()); // no pause: the prefetch may still be in flight

    // 3. DOM rows on a 1000-row page.
    await page.goto(`${BASE}/people?size=1000`);
    await page.getByTestId("page-range").filter({ hasText: "1–1,000" }).waitFor();
    const scroller = page.locator("div:has(> table)").first();
    const counts: number[] = [];
    for (const frac of [0, 0.5, 1]) {
      await scroller.evaluate((el, f) => (el.scrollTop = (el.scrollHeight - el.clientHeight) * f), frac);
      await page.waitForTimeout(200);
      counts.push(await page.locator("tbody tr").count());
    }

    console.log(`People grid, Chromium against ${BASE} (emulator, 2,000 people), ${RUNS} runs each`);
    console.log(line("navigation → first rows visible (100/page)", nav));
    console.log(line("Next click → rows (50/page, prefetched)", warm));
    console.log(line("Next click → rows (50/page, clicked at once)", cold));
    console.log(`DOM <tr> on a 1000-row page (top/middle/bottom)  ${counts.join(" / ")}  (limit < 100)`);
    if (Math.max(...counts) >= 100) process.exitCode = 1;
  } finally {
    await browser.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
