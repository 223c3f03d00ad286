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

export const test = base;
export { expect };
