import { act } from "react";
import { createRoot } from "react-dom/client";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { ApiRequestError } from "@/lib/query/fetch-api";

// The app router is Next's, not the subject: a stand-in records the refresh that "Try again" asks for.
const refresh = vi.fn();
vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh, push: vi.fn(), replace: vi.fn(), prefetch: vi.fn() }) }));
vi.mock("next/link", () => ({ default: ({ href, children, className }: { href: string; children: React.ReactNode; className?: string }) => <a href={href} className={className}>{children}</a> }));

const { RouteError } = await import("./route-error");

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

describe("a console route's error page (error.tsx)", () => {
  const host = document.createElement("div");
  document.body.append(host);
  const root = createRoot(host);
  afterAll(() => act(() => root.unmount()));
  const reset = vi.fn();
  beforeEach(() => {
    reset.mockClear();
    refresh.mockClear();
  });
  const render = (error: Error & { digest?: string }) =>
    act(() => root.render(<RouteError error={error} reset={reset} page="Licenses" title="Could not load the licenses" back={{ href: "/", label: "Back to Overview" }} />));
  const alert = () => host.querySelector('[role="alert"]')!;

  it("shows what Webex said, its tracking ID, Try again and a way back", async () => {
    await render(new ApiRequestError({ status: 503, message: "Webex is busy right now.", trackingId: "ROSTER_abc-123", retryAfterSeconds: 5 }));
    expect(host.querySelector("h1")?.textContent).toBe("Licenses");
    expect(alert().textContent).toContain("Could not load the licenses");
    expect(alert().textContent).toContain("Webex is busy right now.");
    expect(alert().textContent).toContain("Webex tracking ID (for support): ROSTER_abc-123");
    expect(host.querySelector('a[href="/"]')?.textContent).toContain("Back to Overview");
  });

  it("Try again renders the route again from the server and resets the boundary", async () => {
    await render(new ApiRequestError({ status: 502, message: "Bad gateway" }));
    const retry = [...host.querySelectorAll("button")].find((b) => b.textContent === "Try again")!;
    await act(async () => retry.click());
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(reset).toHaveBeenCalledTimes(1);
  });

  it("never shows another error's text or stack; Next's digest is given as the reference for the server log", async () => {
    const err = Object.assign(new Error("relation \"tokens\" does not exist: SELECT secret FROM tokens"), { digest: "3141592653" });
    await render(err);
    const text = host.textContent ?? "";
    expect(text).not.toContain("tokens");
    expect(text).not.toContain(err.stack!.split("\n")[1]!.trim());
    expect(alert().textContent).toContain("Roster could not show this page");
    expect(alert().textContent).toContain("reference: 3141592653");
    expect(alert().textContent).not.toContain("tracking ID");
  });
});
