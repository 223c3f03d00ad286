import { act } from "react";
import { createRoot } from "react-dom/client";
import { afterAll, describe, expect, it, vi } from "vitest";
import { toast, Toaster } from "./toast";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const region = () => document.querySelector("section[aria-live]");
// A bound on waiting (loading sonner can take seconds on a busy CI machine), not a timing assertion.
const until = async (check: () => boolean, ms = 20_000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("timed out");
    await act(() => new Promise((r) => setTimeout(r, 10)));
  }
};

// Each test waits with `until` (up to 20 s) on a machine that may be busy: the tests allow for it.
describe("toast: sonner loads with the first toast", { timeout: 30_000 }, () => {
  const host = document.createElement("div");
  document.body.append(host);
  const root = createRoot(host);
  afterAll(() => act(() => root.unmount()));

  it("renders nothing until a toast is asked for, then the live region first and the toast after it", async () => {
    await act(() => root.render(<Toaster />));
    expect(host.innerHTML).toBe("");

    const seen: string[] = [];
    const watch = new MutationObserver(() => {
      if (region() && !seen.includes("region")) seen.push("region");
      if (document.querySelector("[data-sonner-toast]") && !seen.includes("toast")) seen.push("toast");
    });
    watch.observe(document.body, { childList: true, subtree: true });
    const asked = Date.now();
    act(() => toast.success("Exported 3 people", { description: "In the import template's format" }));
    await until(() => Boolean(document.querySelector("[data-sonner-toast]")));
    watch.disconnect();

    expect(seen).toEqual(["region", "toast"]);
    expect(Date.now() - asked).toBeGreaterThanOrEqual(200); // the region settles before the toast goes in
    expect(region()?.getAttribute("aria-live")).toBe("polite");
    expect(region()?.textContent).toContain("Exported 3 people");
    expect(region()?.textContent).toContain("In the import template's format");
  });

  it("shows later toasts straight away, with their action; an error goes in while the region is assertive", async () => {
    const onClick = vi.fn();
    const politeness: (string | null)[] = [];
    const watch = new MutationObserver(() => {
      if (region()?.textContent?.includes("Job stopped") && !politeness.length) politeness.push(region()!.getAttribute("aria-live"));
    });
    watch.observe(document.body, { childList: true, subtree: true, characterData: true });
    act(() => toast.error("Job stopped: Deactivate", { action: { label: "View results", onClick } }));
    await until(() => Boolean(region()?.textContent?.includes("Job stopped")));
    watch.disconnect();
    expect(politeness).toEqual(["assertive"]);
    await until(() => region()?.getAttribute("aria-live") === "polite"); // then polite again
    const button = [...document.querySelectorAll("button")].find((b) => b.textContent === "View results");
    act(() => button!.click());
    expect(onClick).toHaveBeenCalledOnce();
  });

  it("closes the focused toast with Escape, and never takes focus by itself", async () => {
    const button = document.createElement("button");
    button.textContent = "Save";
    document.body.append(button);
    button.focus();
    act(() => toast.success("Changes to Ada saved", { duration: Infinity })); // only a close can remove it
    await until(() => Boolean(region()?.textContent?.includes("Changes to Ada saved")));
    expect(document.activeElement).toBe(button);
    const item = [...document.querySelectorAll<HTMLElement>("[data-sonner-toast]")].find((t) => t.textContent?.includes("Changes to Ada saved"))!;
    act(() => item.focus());
    act(() => {
      item.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", code: "Escape", bubbles: true }));
    });
    await until(() => !region()?.textContent?.includes("Changes to Ada saved"), 5000);
    button.remove();
  });
});
