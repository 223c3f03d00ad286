import { act } from "react";
import { createRoot } from "react-dom/client";
import { afterAll, describe, expect, it, vi } from "vitest";
import type { ReclaimCriteria } from "@/lib/licenses/reclaim";
import { ReclaimCriteriaForm } from "./reclaim-criteria";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

describe("the reclaim criteria form", () => {
  const host = document.createElement("div");
  document.body.append(host);
  const root = createRoot(host);
  afterAll(() => act(() => root.unmount()));
  const onApply = vi.fn();
  const render = (criteria: ReclaimCriteria) => act(() => root.render(<ReclaimCriteriaForm criteria={criteria} onApply={onApply} />));
  const input = (label: string) => [...host.querySelectorAll("label")].find((l) => l.textContent?.startsWith(label))!.querySelector("input")!;
  const type = (el: HTMLInputElement, value: string) =>
    act(() => {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")!.set!.call(el, value);
      el.dispatchEvent(new Event("input", { bubbles: true }));
    });
  // The submit event itself: the browser's own checks (min, max, step) are not the subject.
  const apply = () => act(() => host.querySelector("form")!.dispatchEvent(new Event("submit", { bubbles: true, cancelable: true })));

  it("applies whole numbers of days in range, and refuses others with the reason", async () => {
    await render({ inviteDays: 30, inactiveDays: 90 });
    await type(input("No activity for more than"), "120");
    await apply();
    expect(onApply).toHaveBeenLastCalledWith({ inviteDays: 30, inactiveDays: 120 });
    onApply.mockClear();
    await type(input("Invite pending for more than"), "2.5");
    await apply();
    expect(onApply).not.toHaveBeenCalled();
    expect(host.querySelector('[role="alert"]')?.textContent).toMatch(/^Enter whole numbers of days from \d+ to \d+\.$/);
    expect(input("Invite pending for more than").getAttribute("aria-invalid")).toBe("true");
  });

  it("shows the criteria it is given (the URL's, after Back or Forward), over what was typed and not applied", async () => {
    await render({ inviteDays: 30, inactiveDays: 120 });
    expect(input("Invite pending for more than").value).toBe("30");
    expect(input("No activity for more than").value).toBe("120");
    expect(host.querySelector('[role="alert"]')).toBeNull();
    await type(input("No activity for more than"), "200");
    await render({ inviteDays: 30, inactiveDays: 90 });
    expect(input("No activity for more than").value).toBe("90");
  });
});
