// Drives the real next-auth core (our authOptions) the way its route handler does, without a Next server, for
// tests/integration/auth-*.test.ts and signin-*.test.ts (not a test file itself). A test file mocks Next's request
// APIs with this module's stand-ins, so session lookups read the same cookie jar the sign-in filled:
//
//   vi.mock("next/headers", async () => (await import("./next-auth-driver")).nextHeaders);
//   vi.mock("next/navigation", async () => (await import("./next-auth-driver")).nextNavigation);
import { AuthHandler, type RequestInternal } from "../../node_modules/next-auth/core/index.js";

/** The browser's cookies for the console's host (localhost:3000). */
export const jar = new Map<string, string>();

export const nextHeaders = {
  cookies: async () => ({ getAll: () => [...jar].map(([name, value]) => ({ name, value })) }),
  headers: async () => new Headers({ host: "localhost:3000" }),
};

/** Next's redirect() throws; the error keeps where it would send the browser. */
export const nextNavigation = {
  redirect: (url: string) => {
    throw Object.assign(new Error(`REDIRECT ${url}`), { url });
  },
};

/** One next-auth request with the jar's cookies; the cookies it sets (or clears) go back into the jar. */
export async function auth(req: Omit<RequestInternal, "cookies" | "headers">) {
  const { getAuthOptions } = await import("@/lib/server/auth/options");
  const res = await AuthHandler({ req: { ...req, cookies: Object.fromEntries(jar), headers: { host: "localhost:3000" } }, options: getAuthOptions() });
  for (const c of res.cookies ?? []) {
    if (c.options?.maxAge === 0 || c.value === "") jar.delete(c.name);
    else jar.set(c.name, c.value);
  }
  return res;
}
