// Request counts by route pattern and status, for tests that assert "the client retried N times".
export class Stats {
  total = 0;
  routes: Record<string, Record<string, number>> = {};
  grants: Record<string, number> = { authorization_code: 0, refresh_token: 0 };
  /** Requests by route as they arrive (`routes` counts them as answered, after any configured latency). */
  received: Record<string, number> = {};

  receive(routeKey: string): void {
    this.received[routeKey] = (this.received[routeKey] ?? 0) + 1;
  }

  record(routeKey: string, status: number): void {
    this.total++;
    const route = (this.routes[routeKey] ??= {});
    route[String(status)] = (route[String(status)] ?? 0) + 1;
  }

  grant(type: "authorization_code" | "refresh_token"): void {
    this.grants[type] = (this.grants[type] ?? 0) + 1;
  }

  toJSON() {
    return { total: this.total, routes: this.routes, grants: this.grants, received: this.received };
  }
}
