import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { BrowserContext, Request } from "@playwright/test";

// Helpers of token-leak.spec.ts: the console's routes as the file system declares them, every request and response a
// browser context sees (bodies read in full before anyone asserts), and the shapes a secret can take on the way out.

// ---- Routes, from app/ (so a new page or API route is covered, or fails the leak test, without anyone listing it) ----

export type AppRoutes = {
  /** Page patterns such as "/people/[id]" (route groups removed). */
  pages: string[];
  /** API patterns such as "/api/people/[id]" with the HTTP methods their route.ts exports. */
  apis: { pattern: string; methods: string[] }[];
};

const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

export function appRoutes(appDir = path.resolve("app")): AppRoutes {
  const pages: string[] = [];
  const apis: AppRoutes["apis"] = [];
  for (const file of walk(appDir)) {
    const parts = path.relative(appDir, file).split(path.sep);
    const name = parts.pop()!;
    // Route groups "(console)" and parallel slots "@x" are not part of the URL.
    const pattern = "/" + parts.filter((s) => !/^\(.*\)$/.test(s) && !s.startsWith("@")).join("/");
    if (/^page\.(tsx|ts|jsx|js|mdx)$/.test(name)) pages.push(pattern);
    if (/^route\.(ts|js)$/.test(name)) {
      const source = readFileSync(file, "utf8");
      const methods = HTTP_METHODS.filter((m) =>
        new RegExp(`export\\s+(?:const|let|(?:async\\s+)?function)\\s+${m}\\b|\\bas\\s+${m}\\b`).test(source),
      );
      apis.push({ pattern, methods });
    }
  }
  return { pages: pages.sort(), apis: apis.sort((a, b) => (a.pattern < b.pattern ? -1 : a.pattern > b.pattern ? 1 : 0)) };
}

/** Next's precedence: a static segment beats a dynamic one, which beats a catch-all. */
function segmentRank(seg: string): number {
  if (/^\[\[\.\.\..+\]\]$/.test(seg)) return 0;
  if (/^\[\.\.\..+\]$/.test(seg)) return 1;
  if (/^\[.+\]$/.test(seg)) return 2;
  return 3;
}

function matches(pattern: string, pathname: string): boolean {
  const source = pattern
    .split("/")
    .map((seg) => {
      const rank = segmentRank(seg);
      if (rank === 0) return ".*";
      if (rank === 1) return ".+";
      if (rank === 2) return "[^/]+";
      return seg.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    })
    .join("/");
  return new RegExp(`^${source}/?$`).test(pathname);
}

/** The pattern Next would route `pathname` to (the most specific one that matches), or undefined. */
export function routeOf(patterns: string[], pathname: string): string | undefined {
  const score = (p: string) => p.split("/").map(segmentRank);
  const better = (a: number[], b: number[]) => {
    for (let i = 0; i < Math.max(a.length, b.length); i++) if ((a[i] ?? -1) !== (b[i] ?? -1)) return (a[i] ?? -1) > (b[i] ?? -1);
    return false;
  };
  let best: string | undefined;
  for (const p of patterns) if (matches(p, pathname) && (!best || better(score(p), score(best)))) best = p;
  return best;
}

// ---- Traffic: every request and response of a browser context, bodies read before anything is asserted ----

export type Exchange = {
  method: string;
  url: string;
  resourceType: string;
  requestHeaders: [string, string][];
  requestBody: Buffer | null;
  status?: number;
  responseHeaders?: [string, string][];
  /** The body as the browser received it; null for redirects, 204 and 304 (their headers are still searched). */
  body?: Buffer | null;
  /** Why the body could not be read, when the request was aborted after its headers arrived. */
  aborted?: string;
  /** Why the body could not be read although nothing aborted it: a failure of the test. */
  unreadable?: string;
};

export class Traffic {
  readonly exchanges: Exchange[] = [];
  readonly consoleMessages: string[] = [];
  /** Records not complete yet (response or body still to come), with their URLs. */
  private readonly pending = new Map<Promise<void>, { what: string; stage: { at: string } }>();
  private readonly onFailed = new Map<Request, (why: string) => void>();
  /** Bodies as the server sent them, read in full by the route handler before the browser got them. */
  private readonly bodies = new Map<Request, Buffer>();

  /**
   * Routes every request of the context through the test: the response is fetched from the server, its body read in
   * full and kept, then handed to the browser unchanged (redirects included, one hop at a time). A body the browser
   * never reads to its end (a prefetch the router cancels, a poll cut off by a navigation) is still searched, and no
   * body is lost when Chromium drops a previous page's resources on navigation.
   */
  async intercept(context: BrowserContext): Promise<void> {
    await context.route("**/*", async (route) => {
      let response;
      try {
        response = await route.fetch({ maxRedirects: 0 });
      } catch {
        await route.abort().catch(() => undefined);
        return;
      }
      const body = await response.body();
      this.bodies.set(route.request(), body);
      // The browser may have given up on the request meanwhile: then there is nobody to answer.
      await route.fulfill({ response, body }).catch(() => undefined);
    });
  }

  constructor(context: BrowserContext) {
    context.on("request", (req) => {
      const stage = { at: "request headers" };
      // response.finished() does not settle when a request fails after its headers (Next's router cancels
      // prefetches that way): the requestfailed event says so.
      const failed = new Promise<Error>((resolve) => this.onFailed.set(req, (why) => resolve(new Error(why))));
      const p: Promise<void> = this.record(req, stage, failed).finally(() => {
        this.pending.delete(p);
        this.onFailed.delete(req);
      });
      this.pending.set(p, { what: `${req.method()} ${req.url()}`, stage });
    });
    context.on("requestfailed", (req) => this.onFailed.get(req)?.(req.failure()?.errorText ?? "failed"));
    context.on("console", (msg) => this.consoleMessages.push(msg.text()));
  }

  private async record(req: Request, stage: { at: string }, failed: Promise<Error>): Promise<void> {
    const ex: Exchange = {
      method: req.method(),
      url: req.url(),
      resourceType: req.resourceType(),
      requestHeaders: [],
      requestBody: req.postDataBuffer(),
    };
    this.exchanges.push(ex);
    // All headers, also those headers() leaves out (Cookie, and what the network stack added).
    ex.requestHeaders = (await req.headersArray().catch(() => [])).map((h) => [h.name, h.value]);
    stage.at = "response";
    const res = await req.response().catch(() => null);
    if (!res) return; // failed before any response: nothing reached the browser
    ex.status = res.status();
    stage.at = "response headers";
    ex.responseHeaders = (await res.headersArray()).map((h) => [h.name, h.value]);
    if (ex.status >= 300 && ex.status < 400 && ex.status !== 304) {
      ex.body = null; // a redirect has no body to read; its headers (Location, Set-Cookie) are searched
      return;
    }
    const intercepted = this.bodies.get(req);
    if (intercepted) {
      ex.body = intercepted;
      this.bodies.delete(req);
      return;
    }
    stage.at = "end of body";
    const failure = await Promise.race([res.finished(), failed]);
    try {
      ex.body = await res.body();
    } catch (err) {
      const why = (err as Error).message.split("\n")[0]!;
      if (ex.status === 204 || ex.status === 304) ex.body = null;
      else if (failure) ex.aborted = `${failure.message}: ${why}`;
      else ex.unreadable = why;
    }
  }

  /** Requests whose response (or its body) has not been read yet. */
  get pendingCount(): number {
    return this.pending.size;
  }

  /** What is still open, and where it stands. */
  get pendingList(): string[] {
    return [...this.pending.values()].map((p) => `${p.what} (waiting for ${p.stage.at})`);
  }

  /** Waits until every request seen so far has its response read in full (or found unreadable). */
  async settle(timeoutMs = 30_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (this.pending.size > 0) {
      const left = until - Date.now();
      if (left <= 0) throw new Error(`Responses never completed: ${this.pendingList.join(", ")}`);
      await Promise.race([Promise.all([...this.pending.keys()]), new Promise((r) => setTimeout(r, Math.min(left, 1000)))]);
    }
  }
}

// ---- Secrets: the shapes a token can take on its way out ----

export type Needle = { label: string; needle: string };

/**
 * A secret as it would appear if sent as it is, URL-encoded, base64 or base64url encoded (at each of the three byte
 * alignments it can have inside a longer encoded string, so the token's own characters are found wherever it sits),
 * and its first and last 20 random characters (a token cut short in a log line).
 */
export function needlesFor(kind: string, secret: string): Needle[] {
  const out: Needle[] = [{ label: `${kind} (as is)`, needle: secret }];
  const encoded = encodeURIComponent(secret);
  if (encoded !== secret) out.push({ label: `${kind} (URL-encoded)`, needle: encoded });
  for (const alphabet of ["base64", "base64url"] as const) {
    for (let shift = 0; shift < 3; shift++) {
      const bytes = Buffer.concat([Buffer.alloc(shift, 0x20), Buffer.from(secret, "utf8")]);
      const text = bytes.toString(alphabet).replace(/=+$/, "");
      // Only the characters whose 6 bits all come from the secret.
      const needle = text.slice(Math.ceil((shift * 8) / 6), Math.floor((bytes.length * 8) / 6));
      out.push({ label: `${kind} (${alphabet}, offset ${shift})`, needle });
    }
  }
  const random = secret.replace(/_EMU_.*$/, "");
  if (random.length >= 40) {
    out.push({ label: `${kind} (first 20 characters)`, needle: random.slice(0, 20) });
    out.push({ label: `${kind} (last 20 random characters)`, needle: random.slice(-20) });
  }
  const seen = new Set<string>();
  return out.filter((n) => n.needle.length >= 16 && !seen.has(n.needle) && seen.add(n.needle));
}

/** A cookie value and what it decodes to (URL-decoding, base64url of each dot-separated part). */
export function decodedForms(value: string): string[] {
  const forms = [value];
  try {
    forms.push(decodeURIComponent(value));
  } catch {
    /* not URL-encoded */
  }
  for (const part of value.split(/[.~]/)) {
    if (part.length >= 8 && /^[A-Za-z0-9+/_-]+=*$/.test(part)) forms.push(Buffer.from(part, "base64url").toString("latin1"));
  }
  return forms;
}
