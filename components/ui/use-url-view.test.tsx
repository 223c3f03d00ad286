import { act } from "react";
import { createRoot } from "react-dom/client";
import { afterAll, describe, expect, it, vi } from "vitest";
import { parseReclaimView, serializeReclaimView } from "@/lib/licenses/reclaim-url";

// Next's router is not the subject. Its useSearchParams can trail the address bar (a Back to a step made before a
// reload waits for the server's answer first): the stand-in never moves, the worst case of that lag.
vi.mock("next/navigation", () => ({ useSearchParams: () => new URLSearchParams("inactiveDays=120") }));

const { useUrlView } = await import("./use-url-view");

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

function Probe() {
  const { view, navigate } = useUrlView(parseReclaimView, serializeReclaimView);
  return (
    <>
      <output>{`${view.inviteDays}/${view.inactiveDays}/${view.reason ?? "any"}`}</output>
      <button onClick={() => navigate({ ...view, reason: "inactive" })}>Inactive</button>
    </>
  );
}

describe("useUrlView: the view is the address bar's", () => {
  const host = document.createElement("div");
  document.body.append(host);
  const root = createRoot(host);
  afterAll(() => act(() => root.unmount()));
  const shown = () => host.querySelector("output")?.textContent;

  it("follows its own writes at once, and Back/Forward even while Next's search params still name another URL", async () => {
    window.history.replaceState(null, "", "/licenses/reclaim?inactiveDays=120");
    await act(() => root.render(<Probe />));
    expect(shown()).toBe("30/120/any");

    await act(() => host.querySelector("button")!.click());
    expect(window.location.search).toBe("?inactiveDays=120&reason=inactive");
    expect(shown()).toBe("30/120/inactive");

    // The browser's Back to the unfiltered page: it moves the URL, then fires popstate.
    await act(() => {
      window.history.replaceState(null, "", "/licenses/reclaim");
      window.dispatchEvent(new PopStateEvent("popstate", { state: null }));
    });
    expect(shown()).toBe("30/90/any");

    await act(() => {
      window.history.replaceState(null, "", "/licenses/reclaim?inviteDays=45&inactiveDays=120");
      window.dispatchEvent(new PopStateEvent("popstate", { state: null }));
    });
    expect(shown()).toBe("45/120/any");
  });
});

describe("mergeQuery: two views on one page", async () => {
  const { mergeQuery } = await import("./use-url-view");
  it("replaces only the view's own keys and keeps the others", () => {
    expect(mergeQuery("?q=ada&sort=email&usage=manager&usageSort=idle90", "?usage=location", ["usage", "usageSort"])).toBe("?q=ada&sort=email&usage=location");
    expect(mergeQuery("?usage=location", "?sort=email", ["q", "sort", "page"])).toBe("?usage=location&sort=email");
    expect(mergeQuery("?usage=location", "", ["usage"])).toBe("");
  });
});
