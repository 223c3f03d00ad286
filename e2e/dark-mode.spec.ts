import type { Page } from "@playwright/test";
import { emulator, expect, expectNoSeriousAxe, signIn, test } from "./fixtures";
import { emuLicenses, forgetToken } from "./licenses-helpers";
import { rows } from "./people-helpers";
import { screenshot } from "./screenshots";

// Dark mode: the console follows the OS's prefers-color-scheme unless the admin picks Light or Dark (the Theme
// toggle in the sidebar and the narrow-window menu); both themes stay free of serious axe findings (colour
// contrast included).

const ADMIN = "admin@acme.example";

test.beforeAll(async () => {
  await emulator("/_emulator/reset", { body: {} });
  forgetToken();
});

/** Mean of R, G and B (0–255) of a computed colour of an element, whatever colour syntax the browser reports. */
async function colourLevel(page: Page, selector: string, property: "backgroundColor" | "fill" | "stroke" = "backgroundColor"): Promise<number> {
  return page.locator(selector).first().evaluate((el, prop) => {
    const canvas = document.createElement("canvas");
    canvas.width = canvas.height = 1;
    const ctx = canvas.getContext("2d")!;
    ctx.fillStyle = getComputedStyle(el)[prop];
    ctx.fillRect(0, 0, 1, 1);
    const [r, g, b] = ctx.getImageData(0, 0, 1, 1).data;
    return (r! + g! + b!) / 3;
  }, property);
}
const backgroundLevel = (page: Page, selector: string) => colourLevel(page, selector, "backgroundColor");

/** The chart's grid recedes and its axis labels stand out, against either theme's card. */
async function expectChartColours(page: Page, theme: "dark" | "light") {
  const grid = await colourLevel(page, ".recharts-cartesian-grid line", "stroke");
  const label = await colourLevel(page, ".recharts-cartesian-axis-tick-value", "fill");
  if (theme === "dark") {
    expect(grid, "grid lines are dark").toBeLessThan(80);
    expect(label, "axis labels are light").toBeGreaterThan(130);
  } else {
    expect(grid, "grid lines are light").toBeGreaterThan(180);
    expect(label, "axis labels are dark").toBeLessThan(130);
  }
}

async function expectTheme(page: Page, theme: "dark" | "light") {
  // The page's background (on <html>) and the header's surface.
  for (const selector of ["html", "body header"]) {
    if (theme === "dark") await expect.poll(() => backgroundLevel(page, selector), { message: `${selector} is dark` }).toBeLessThan(60);
    else await expect.poll(() => backgroundLevel(page, selector), { message: `${selector} is light` }).toBeGreaterThan(220);
  }
}

/** People, a person, licenses, a license and the overview, each checked with axe; screenshots in dark. */
async function visitPages(page: Page, theme: "dark" | "light") {
  const suffix = theme === "dark" ? "-dark" : "";
  const shoot = (name: string) => (theme === "dark" ? screenshot(page, `${name}${suffix}`, { fullPage: true }) : Promise.resolve());

  await expect(page.getByRole("heading", { level: 1, name: "People" })).toBeVisible();
  await expect(rows(page).first()).toBeVisible();
  await expectTheme(page, theme);
  await expectNoSeriousAxe(page, `people (${theme})`);
  await shoot("people");

  await rows(page).first().locator('a[href^="/people/"]').first().click();
  await expect(page).toHaveURL(/\/people\/[^/]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByTestId("person-history").or(page.getByText(/^No changes (made through Roster|recorded) yet/))).toBeVisible();
  await expectTheme(page, theme);
  await expectNoSeriousAxe(page, `person (${theme})`);
  await shoot("person-page");

  await page.goto("/licenses");
  await expect(page.getByTestId("licenses-table")).toBeVisible();
  await expect(page.getByRole("img", { name: /Utilisation by license/ })).toBeVisible();
  await expectTheme(page, theme);
  await expectChartColours(page, theme);
  await expectNoSeriousAxe(page, `licenses (${theme})`);
  await shoot("licenses");

  const licenses = await emuLicenses();
  const license = licenses.find((l) => /Calling - Professional/.test(l.name)) ?? licenses[0]!;
  await page.goto(`/licenses/${license.id}`);
  await expect(page.getByTestId("holders-table")).toBeVisible({ timeout: 20_000 });
  await expectNoSeriousAxe(page, `license (${theme})`);
  await shoot("license-history");

  await page.goto("/changes");
  await expect(page.getByRole("heading", { level: 1, name: "Changes" })).toBeVisible();
  await expect(page.getByTestId("changes-table").or(page.getByText(/^No changes (seen yet|match)/))).toBeVisible();
  await expectTheme(page, theme);
  await expectNoSeriousAxe(page, `changes (${theme})`);
  await shoot("changes");

  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  await expect(page.getByTestId("index-freshness")).not.toContainText("Checking the directory index");
  await expectTheme(page, theme);
  await expectNoSeriousAxe(page, `overview (${theme})`);
  await shoot("overview");
}

test("with the OS in dark mode the sign-in page and the console are dark, and axe finds nothing serious", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("/signin");
  expect(await backgroundLevel(page, "html")).toBeLessThan(60);
  expect(await backgroundLevel(page, "main > div")).toBeLessThan(60); // the sign-in card
  await expectNoSeriousAxe(page, "sign-in (dark)");
  await screenshot(page, "signin-dark");

  await signIn(page, ADMIN, "/people");
  await visitPages(page, "dark");
});

test("with the OS in light mode nothing changed: the same pages are light and axe finds nothing serious", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto("/signin");
  expect(await backgroundLevel(page, "html")).toBeGreaterThan(220);
  await expectNoSeriousAxe(page, "sign-in (light)");
  await signIn(page, ADMIN, "/people");
  await visitPages(page, "light");
});

test("the Theme toggle overrides the OS, survives a reload, and System returns to the OS", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await signIn(page, ADMIN, "/people");
  await expect(page.getByRole("heading", { level: 1, name: "People" })).toBeVisible();
  const theme = page.getByRole("group", { name: "Theme" });
  await expect(theme.getByRole("button", { name: "System" })).toHaveAttribute("aria-pressed", "true");
  await expectTheme(page, "dark");

  await theme.getByRole("button", { name: "Light" }).click();
  await expect(theme.getByRole("button", { name: "Light" })).toHaveAttribute("aria-pressed", "true");
  await expect(theme.getByRole("button", { name: "System" })).toHaveAttribute("aria-pressed", "false");
  await expectTheme(page, "light");

  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "People" })).toBeVisible();
  await expectTheme(page, "light");
  await expect(theme.getByRole("button", { name: "Light" })).toHaveAttribute("aria-pressed", "true");
  // Another page of the console keeps it too.
  await page.goto("/licenses");
  await expectTheme(page, "light");

  await theme.getByRole("button", { name: "System" }).click();
  await expectTheme(page, "dark");
  // System follows the OS while the page is open…
  await page.emulateMedia({ colorScheme: "light" });
  await expectTheme(page, "light");
  await page.emulateMedia({ colorScheme: "dark" });
  await expectTheme(page, "dark");
  // …and after a reload.
  await page.reload();
  await expect(theme.getByRole("button", { name: "System" })).toHaveAttribute("aria-pressed", "true");
  await expectTheme(page, "dark");

  // Dark while the OS says light.
  await page.emulateMedia({ colorScheme: "light" });
  await expectTheme(page, "light");
  await theme.getByRole("button", { name: "Dark" }).click();
  await expectTheme(page, "dark");
});

test("390 px, dark: the menu holds the Theme toggle too", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.emulateMedia({ colorScheme: "dark" });
  await signIn(page, ADMIN, "/people");
  await expect(page.getByRole("heading", { level: 1, name: "People" })).toBeVisible();
  await expectTheme(page, "dark");
  await page.getByRole("button", { name: "Menu" }).click();
  const theme = page.getByRole("group", { name: "Theme" });
  await expect(theme).toBeVisible();
  await expectNoSeriousAxe(page, "open menu at 390 px (dark)");
  await screenshot(page, "narrow-menu-dark");

  await theme.getByRole("button", { name: "Light" }).click();
  await expectTheme(page, "light");
  await expect(theme.getByRole("button", { name: "Light" })).toHaveAttribute("aria-pressed", "true");
});
