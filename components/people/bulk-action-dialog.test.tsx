import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act } from "react";
import { createRoot } from "react-dom/client";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { EMPTY_FILTER } from "@/lib/directory/filter";
import { BulkActionDialog } from "./bulk-action-dialog";

vi.mock("next/navigation", () => ({ useRouter: () => ({ push: () => undefined }) }));

beforeAll(() => {
  HTMLDialogElement.prototype.showModal = function (this: HTMLDialogElement) {
    this.setAttribute("open", "");
  };
  HTMLDialogElement.prototype.close = function (this: HTMLDialogElement) {
    this.removeAttribute("open");
  };
});

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const LICENSE = "Y2lzY29zcGFyazovL3VzL0xJQ0VOU0UvbWVzc2FnaW5n";

describe("the bulk action dialog on all people matching an index filter (issue 15)", () => {
  const host = document.createElement("div");
  document.body.append(host);
  const root = createRoot(host);
  const realFetch = globalThis.fetch;
  afterAll(() => {
    globalThis.fetch = realFetch;
    act(() => root.unmount());
  });

  it("says who (how many, from the index, how old) and previews the job on the filter, not on a selection", async () => {
    const filter = { ...EMPTY_FILTER, departments: ["Sales"], noLicense: true };
    const sent: unknown[] = [];
    globalThis.fetch = vi.fn(async (_url: RequestInfo | URL, init?: RequestInit) => {
      sent.push(JSON.parse(String(init?.body)));
      return Response.json({ error: { message: "stop here" } }, { status: 400 });
    }) as typeof fetch;
    await act(async () =>
      root.render(
        <QueryClientProvider client={new QueryClient()}>
          <BulkActionDialog
            target={{ kind: "selection", ids: ["someone-else"] }}
            allMatching={{ filter, count: 1234, asOf: Date.now() - 14 * 60_000 }}
            licenses={[{ id: LICENSE, name: "Messaging", totalUnits: 5000, consumedUnits: 10 } as never]}
            roles={[]}
            lookups={{} as never}
            onClose={() => undefined}
          />
        </QueryClientProvider>,
      ),
    );
    const line = document.querySelector('[data-testid="bulk-all-matching"]')!;
    expect(line.textContent).toMatch(/^All 1,234 people matching these filters, from Roster's index as of 14 min(utes)?\.? ago/);
    expect(document.body.textContent).toContain("For all 1,234 people matching these filters.");

    const radio = document.querySelector<HTMLInputElement>('input[value="license-add"]')!;
    await act(async () => radio.click());
    const select = document.querySelector<HTMLSelectElement>("select")!;
    await act(async () => {
      const set = Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, "value")!.set!;
      set.call(select, LICENSE);
      select.dispatchEvent(new Event("change", { bubbles: true }));
    });
    const previewButton = [...document.querySelectorAll("button")].find((b) => b.textContent === "Preview")!;
    await act(async () => previewButton.click());
    expect(sent).toEqual([{ action: "license-add", licenseId: LICENSE, target: { directory: filter } }]);
  });
});
