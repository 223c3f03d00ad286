import { act, useState } from "react";
import { createRoot } from "react-dom/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Dialog } from "./dialog";

// jsdom has no showModal/close; these stand-ins do what a browser does to the element and nothing about focus
// (a browser moves focus back on close() only, never when an open dialog is removed from the page: the case here).
beforeAll(() => {
  HTMLDialogElement.prototype.showModal = function (this: HTMLDialogElement) {
    this.setAttribute("open", "");
  };
  HTMLDialogElement.prototype.close = function (this: HTMLDialogElement) {
    this.removeAttribute("open");
  };
});

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** Like the people grid: the dialog is mounted while open and taken out on close (issue 14's open bug). */
function Page() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Bulk action…
      </button>
      <button type="button">Something else</button>
      {open ? (
        <Dialog open title="Bulk action" onClose={() => setOpen(false)}>
          <input aria-label="inside" />
        </Dialog>
      ) : null}
    </>
  );
}

describe("closing a dialog returns focus to the button that opened it", () => {
  const host = document.createElement("div");
  document.body.append(host);
  const root = createRoot(host);
  afterAll(() => act(() => root.unmount()));
  const button = (name: string) => [...host.querySelectorAll("button")].find((b) => b.textContent === name || b.getAttribute("aria-label") === name)!;

  it("when the caller unmounts it (Close button)", async () => {
    await act(() => root.render(<Page />));
    const opener = button("Bulk action…");
    opener.focus();
    await act(() => opener.click());
    const input = host.querySelector<HTMLInputElement>('input[aria-label="inside"]')!;
    input.focus();
    expect(document.activeElement).toBe(input);
    await act(() => button("Close").click());
    expect(host.querySelector("dialog")).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it("on Esc (the dialog's cancel event)", async () => {
    const opener = button("Bulk action…");
    opener.focus();
    await act(() => opener.click());
    host.querySelector<HTMLInputElement>('input[aria-label="inside"]')!.focus();
    await act(() => host.querySelector("dialog")!.dispatchEvent(new Event("cancel", { cancelable: true })));
    expect(host.querySelector("dialog")).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it("leaves focus alone when the admin has already moved it elsewhere", async () => {
    const opener = button("Bulk action…");
    opener.focus();
    await act(() => opener.click());
    const other = button("Something else");
    other.focus();
    await act(() => button("Close").click());
    expect(document.activeElement).toBe(other);
  });
});
