import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page } from "@playwright/test";
import { E2E_EMULATOR_PORT } from "../playwright.config";

export const EMULATOR = `http://127.0.0.1:${E2E_EMULATOR_PORT}`;

/** Talks to the emulator's control plane (never through the console). */
export async function emulator(path: string, init?: { method?: string; body?: unknown }) {
  const res = await fetch(`${EMULATOR}${path}`, {
    method: init?.method ?? (init?.body ? "POST" : "GET"),
    headers: { "content-type": "application/json" },
    body: init?.body ? JSON.stringify(init.body) : undefined,
  });
  if (!res.ok) throw new Error(`emulator ${path} → ${res.status} ${await res.text()}`);
  return res.status === 204 ? null : res.json();
}

/** Signs in through the emulator's OAuth page as one of the seeded accounts. */
export async function signIn(page: Page, email: string, returnTo = "/") {
  await page.goto(returnTo);
  await expect(page).toHaveURL(/\/signin/);
  await page.getByRole("button", { name: /sign in with webex/i }).click();
  await page.getByRole("button", { name: new RegExp(email.replace(/[.@]/g, "\\$&"), "i") }).click();
}

/**
 * Waits until running CSS animations and transitions end (a toast sliding in, a dialog fading in): axe measures
 * contrast with the opacity of that moment, so text half faded in would count as unreadable.
 */
export async function animationsSettled(page: Page): Promise<void> {
  await page.evaluate(() => Promise.all(document.getAnimations().filter((a) => a.effect?.getTiming().iterations !== Infinity).map((a) => a.finished.catch(() => undefined))));
}

/**
 * axe on the page (or only inside `include`, a CSS selector): no serious or critical violations. The failure lists
 * each rule with the elements it found, prefixed by `label`.
 *
 * Toasts are left out unless `toasts` is set: one can arrive or leave (fading, so half transparent) while axe runs,
 * whatever the page under test is. The toast spec checks them with `toasts: true`, holding the toast under the pointer.
 */
export async function expectNoSeriousAxe(page: Page, label = "", include?: string, { toasts = false }: { toasts?: boolean } = {}): Promise<void> {
  // Let the page's queries land first: data arriving while axe runs starts colour transitions (a button going
  // from disabled to enabled) that axe would measure half-way. A page that keeps polling still gets its 500 ms lull.
  await page.waitForLoadState("networkidle", { timeout: 10_000 }).catch(() => undefined);
  await animationsSettled(page);
  let builder = new AxeBuilder({ page });
  if (include) builder = builder.include(include);
  if (!toasts) builder = builder.exclude("[data-sonner-toaster]");
  const results = await builder.analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${label ? `${label}: ` : ""}${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

export const test = base;
export { expect };
