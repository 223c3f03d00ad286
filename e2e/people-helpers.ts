import { expect, type Page } from "@playwright/test";
import { EMULATOR } from "./fixtures";

// Expected results come straight from the emulator's Webex API (never through the console).
let token: string | undefined;

async function webexToken(): Promise<string> {
  if (token) return token;
  const res = await fetch(`${EMULATOR}/_emulator/tokens`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: "admin@acme.example" }) });
  token = ((await res.json()) as { access_token: string }).access_token;
  return token;
}

export function forgetWebexToken(): void {
  token = undefined;
}

export interface WebexPerson {
  id: string;
  emails: string[];
  displayName: string;
  roles?: string[];
  locationId?: string;
}

/** Every person Webex returns for a query, following the Link header. */
export async function webexPeople(query: Record<string, string>): Promise<WebexPerson[]> {
  const t = await webexToken();
  const out: WebexPerson[] = [];
  let next: string | undefined = `${EMULATOR}/v1/people?${new URLSearchParams({ max: "1000", ...query })}`;
  while (next) {
    const res: Response = await fetch(next, { headers: { Authorization: `Bearer ${t}` } });
    if (!res.ok) throw new Error(`emulator /v1/people → ${res.status} ${await res.text()}`);
    out.push(...((await res.json()) as { items: WebexPerson[] }).items);
    next = /<([^>]+)>;\s*rel="next"/.exec(res.headers.get("link") ?? "")?.[1];
  }
  return out;
}

export async function webexList<T>(path: string): Promise<T[]> {
  const t = await webexToken();
  const res = await fetch(`${EMULATOR}/v1/${path}`, { headers: { Authorization: `Bearer ${t}` } });
  return ((await res.json()) as { items: T[] }).items;
}

export const rows = (page: Page) => page.getByTestId("data-row");

/** Rows arrive with the HTML (server prefetch); controls work once React has hydrated. */
export async function hydrated(page: Page) {
  await expect(page.locator("section[data-hydrated]")).toBeVisible();
}

/** IDs of the people on the current page, read from each row's link. */
export async function rowIds(page: Page): Promise<string[]> {
  return rows(page).evaluateAll((trs) =>
    trs.map((tr) => decodeURIComponent(tr.querySelector<HTMLAnchorElement>('a[href^="/people/"]')?.getAttribute("href")?.slice("/people/".length) ?? "")),
  );
}

export async function expectRange(page: Page, from: number, to: number) {
  await expect(page.getByTestId("page-range")).toHaveText(`Showing ${from.toLocaleString("en")}–${to.toLocaleString("en")} people`);
}

const fmt = (n: number) => n.toLocaleString("en");

/** Waits until the page starting at row `from` is shown (not the previous page kept while loading). */
export async function waitForPage(page: Page, from: number) {
  await expect(page.getByTestId("page-range")).toHaveText(new RegExp(`^Showing ${fmt(from)}–`));
  await expect(page.locator("[aria-busy=true]")).toHaveCount(0);
}

/** Pages forward until Next is disabled, collecting every row's ID. */
export async function collectAllPages(page: Page, pageSize: number): Promise<string[][]> {
  const pages: string[][] = [];
  for (let n = 1; ; n++) {
    await waitForPage(page, (n - 1) * pageSize + 1);
    const ids = await rowIds(page);
    await expectRange(page, (n - 1) * pageSize + 1, (n - 1) * pageSize + ids.length);
    pages.push(ids);
    const next = page.getByRole("button", { name: "Next", exact: true });
    if (await next.isDisabled()) break;
    await next.click();
  }
  return pages;
}
