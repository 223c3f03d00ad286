import { act } from "react";
import { createRoot } from "react-dom/client";
import { afterAll, describe, expect, it } from "vitest";
import { SCAN_NEEDS_WRITE } from "@/lib/licenses/reclaim";
import { ReclaimScanCard } from "./reclaim-scan-card";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const scan = { finishedAt: Date.now() - 60_000, peopleScanned: 2500, licensedPeople: 2400, invitePending: 90, webexCalls: 3, durationMs: 1200 };

describe("the reclaim page's scan button (issue 12, finding 11)", () => {
  const host = document.createElement("div");
  document.body.append(host);
  const root = createRoot(host);
  afterAll(() => act(() => root.unmount()));
  const render = (canStart: boolean) =>
    act(() =>
      root.render(
        <ReclaimScanCard scan={scan as never} running={null} lastFinished={null} onStart={() => undefined} starting={false} startError={null} canStart={canStart} />,
      ),
    );
  const button = () => [...host.querySelectorAll("button")].find((b) => /Scan (now|again)/.test(b.textContent ?? ""))!;

  it("is disabled for a read-only administrator, with the reason it describes, and the last scan still shown", async () => {
    await render(false);
    expect(button().disabled).toBe(true);
    const note = document.getElementById(button().getAttribute("aria-describedby") ?? "");
    expect(note?.textContent).toBe(SCAN_NEEDS_WRITE);
    expect(host.querySelector('[data-testid="scan-age"]')?.textContent).toContain("2,500 people");
  });

  it("is enabled, without the note, for an administrator who can make changes", async () => {
    await render(true);
    expect(button().disabled).toBe(false);
    expect(button().hasAttribute("aria-describedby")).toBe(false);
    expect(host.textContent).not.toContain(SCAN_NEEDS_WRITE);
  });
});
