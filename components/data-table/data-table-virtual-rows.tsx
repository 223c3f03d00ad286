"use client";

import { useVirtualizer, type Virtualizer } from "@tanstack/react-virtual";
import { useEffect } from "react";

/**
 * The rows of a big page (over VIRTUALIZE_ABOVE) through TanStack Virtual: only the rows in view and an overscan are
 * rendered, between spacer rows that keep the scroll height and native table semantics. A module of its own so the
 * virtualizer's code loads only when a page that big is shown (data-table.tsx loads it lazily).
 */
export default function DataTableVirtualRows({
  count,
  rowHeight,
  colSpan,
  getScrollElement,
  getItemKey,
  renderRow,
  controlRef,
  onRendered,
}: {
  count: number;
  rowHeight: number;
  colSpan: number;
  getScrollElement: () => HTMLElement | null;
  getItemKey: (index: number) => string | number;
  renderRow: (index: number) => React.ReactNode;
  /** Lets the table scroll a row into view (arrow keys, Home/End). */
  controlRef: React.RefObject<Pick<Virtualizer<HTMLElement, Element>, "scrollToIndex"> | null>;
  /** Runs after every render of these rows (scrolling re-renders them, not the table). */
  onRendered: () => void;
}) {
  // The virtualizer is read during this render only; the project does not use the React Compiler.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({ count, getScrollElement, estimateSize: () => rowHeight, getItemKey, overscan: 8 });
  useEffect(() => {
    controlRef.current = virtualizer;
    return () => {
      controlRef.current = null;
    };
  }, [controlRef, virtualizer]);
  useEffect(onRendered);

  const items = virtualizer.getVirtualItems();
  const first = items[0];
  const last = items[items.length - 1];
  const padTop = first ? first.start : 0;
  const padBottom = last ? virtualizer.getTotalSize() - last.end : 0;
  return (
    <>
      {padTop > 0 ? (
        <tr aria-hidden style={{ height: padTop }}>
          <td colSpan={colSpan} />
        </tr>
      ) : null}
      {items.map((i) => renderRow(i.index))}
      {padBottom > 0 ? (
        <tr aria-hidden style={{ height: padBottom }}>
          <td colSpan={colSpan} />
        </tr>
      ) : null}
    </>
  );
}
