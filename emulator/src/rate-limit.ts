// Sliding 60-second window per (app, org), as Webex limits per app and per org. Only accepted
// requests take a slot, so a client that backs off for Retry-After seconds gets through.
const WINDOW_MS = 60_000;

export class RateLimiter {
  private windows = new Map<string, number[]>();

  /** Returns 0 when the request may proceed, otherwise the seconds until a slot frees (>= 1). */
  take(key: string, limit: number, now = Date.now()): number {
    let hits = this.windows.get(key);
    if (!hits) {
      hits = [];
      this.windows.set(key, hits);
    }
    let expired = 0;
    while (expired < hits.length && (hits[expired] ?? 0) <= now - WINDOW_MS) expired++;
    if (expired > 0) hits.splice(0, expired);
    if (hits.length >= limit) {
      const oldest = hits[hits.length - limit] ?? now;
      return Math.max(1, Math.ceil((oldest + WINDOW_MS - now) / 1000));
    }
    hits.push(now);
    return 0;
  }

  clear(): void {
    this.windows.clear();
  }
}
