import { act } from "react";
import { createRoot } from "react-dom/client";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Table, TableBody, TableCaption, TableCell, TableEmpty, TableHead, TableHeader, TableRow, TableRowHeader } from "./table";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const host = document.createElement("div");
document.body.append(host);
let root = createRoot(host);
afterEach(() => {
  act(() => root.unmount());
  root = createRoot(host);
});

function Licenses({ rows, busy = false, onSort = () => {} }: { rows: { name: string; left: number }[]; busy?: boolean; onSort?: () => void }) {
  return (
    <Table data-testid="licenses" aria-busy={busy} scrollLabel="Licenses (scrolls)">
      <TableCaption>Licenses of the organization</TableCaption>
      <TableHeader sticky>
        <tr>
          <TableHead sort={{ direction: "ascending", active: true, onSort }}>License</TableHead>
          <TableHead sort={{ direction: "descending", active: false, onSort }}>Used</TableHead>
          <TableHead numeric>Left</TableHead>
        </tr>
      </TableHeader>
      <TableBody>
        {rows.map((r) => (
          <TableRow key={r.name} hover>
            <TableRowHeader>{r.name}</TableRowHeader>
            <TableCell>—</TableCell>
            <TableCell numeric>{r.left}</TableCell>
          </TableRow>
        ))}
        {!rows.length ? <TableEmpty columns={3}>No license.</TableEmpty> : null}
      </TableBody>
    </Table>
  );
}

const table = () => host.querySelector("table")!;

describe("Table", () => {
  it("names its columns and rows for screen readers: th scope=col over th scope=row", async () => {
    await act(() => root.render(<Licenses rows={[{ name: "Meetings", left: 4 }]} />));
    const heads = [...table().querySelectorAll("thead th")];
    expect(heads.map((th) => th.getAttribute("scope"))).toEqual(["col", "col", "col"]);
    expect(heads.map((th) => th.textContent)).toEqual(["License↑(sorted)", "Used↓(sort by this)", "Left"]);
    const rowHead = table().querySelector("tbody th")!;
    expect(rowHead.getAttribute("scope")).toBe("row");
    expect(rowHead.textContent).toBe("Meetings");
    expect(table().querySelector("caption")!.textContent).toBe("Licenses of the organization");
    // The figures and their header line up on the right.
    expect(heads[2]!.className).toContain("text-right");
    expect(table().querySelector("tbody td:last-child")!.className).toContain("text-right");
  });

  it("says which column the list is sorted by, and sorts on a click", async () => {
    const onSort = vi.fn();
    await act(() => root.render(<Licenses rows={[]} onSort={onSort} />));
    const [license, used] = [...table().querySelectorAll("thead th")];
    expect(license!.getAttribute("aria-sort")).toBe("ascending");
    expect(used!.hasAttribute("aria-sort")).toBe(false);
    await act(() => used!.querySelector("button")!.click());
    expect(onSort).toHaveBeenCalledTimes(1);
  });

  it("shows an empty list as one cell across every column", async () => {
    await act(() => root.render(<Licenses rows={[]} />));
    const cells = table().querySelectorAll("tbody td");
    expect(cells).toHaveLength(1);
    expect((cells[0] as HTMLTableCellElement).colSpan).toBe(table().querySelectorAll("thead th").length);
    expect(cells[0]!.textContent).toBe("No license.");
  });

  it("passes aria-busy and the test id to the table, and makes its scroll container a focusable region", async () => {
    await act(() => root.render(<Licenses rows={[]} busy />));
    expect(table().getAttribute("aria-busy")).toBe("true");
    expect(table().dataset.testid).toBe("licenses");
    await act(() => root.render(<Licenses rows={[]} busy={false} />));
    expect(table().getAttribute("aria-busy")).toBe("false");
    const container = table().parentElement!;
    expect(container.getAttribute("role")).toBe("region");
    expect(container.getAttribute("aria-label")).toBe("Licenses (scrolls)");
    expect(container.tabIndex).toBe(0);
  });

  it("leaves a container without a label out of the tab order and of the landmarks", async () => {
    await act(() =>
      root.render(
        <Table>
          <TableBody>
            <TableEmpty columns={1}>Nothing</TableEmpty>
          </TableBody>
        </Table>,
      ),
    );
    const container = table().parentElement!;
    expect(container.hasAttribute("role")).toBe(false);
    expect(container.hasAttribute("tabindex")).toBe(false);
  });
});
