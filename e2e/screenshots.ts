import type { Page } from "@playwright/test";

// docs/screenshots/*.png are tracked files: specs take them only in screenshot mode (`npm run screenshots`, which
// sets ROSTER_SCREENSHOTS=1; playwright.config.ts then runs every spec importing this file). In the default run
// this does nothing, so `npm test` leaves the working tree as it found it; the spec's assertions run either way.
export const SCREENSHOTS = process.env.ROSTER_SCREENSHOTS === "1";

/** Saves docs/screenshots/<name>.png in screenshot mode; nothing otherwise. */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  if (!SCREENSHOTS) return;
  await page.screenshot({ path: `docs/screenshots/${name}.png`, ...options });
}
