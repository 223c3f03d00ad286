// The browser of this test is in Los Angeles, whatever the machine's zone (set before anything reads it).
process.env.TZ = "America/Los_Angeles";

import { act } from "react";
import { hydrateRoot } from "react-dom/client";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { DateTime, TimeZoneNote } from "./date-time";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const AT = "2026-12-02T13:03:05.000Z";

function Page() {
  return (
    <div>
      <DateTime value={AT} />
      <DateTime value={AT} mode="date" />
      <DateTime value={AT} mode="relative" />
      <TimeZoneNote />
    </div>
  );
}

describe("DateTime: the viewer's zone without a hydration mismatch", () => {
  it("the server prints UTC, labelled; the browser hydrates without a mismatch, then shows its own zone", async () => {
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe("America/Los_Angeles");
    const html = renderToString(<Page />);
    expect(html).toContain("2 Dec 2026, 13:03 UTC");
    expect(html).toContain("Times in UTC");

    const host = document.createElement("div");
    host.innerHTML = html;
    document.body.append(host);
    const errors: unknown[] = [];
    const root = await act(async () => hydrateRoot(host, <Page />, { onRecoverableError: (e) => errors.push(e) }));
    expect(errors).toEqual([]);

    const times = [...host.querySelectorAll("time")];
    expect(times[0]?.textContent).toBe("2 Dec 2026, 05:03 PST");
    expect(times[1]?.textContent).toBe("2 Dec 2026");
    expect(times[2]?.textContent).toMatch(/ago$|^in /);
    for (const t of times) {
      expect(t.getAttribute("datetime")).toBe(AT);
      expect(t.getAttribute("title")).toBe("Wednesday, 2 December 2026 at 05:03:05 PST (2026-12-02T13:03:05.000Z)");
    }
    expect(host.textContent).toMatch(/Times in America\/Los Angeles \(P[SD]T\)/);
    act(() => root.unmount());
  });

  it("says — for no date", () => {
    expect(renderToString(<DateTime value={null} />)).toContain("—");
  });
});
