"use client";

import { useId } from "react";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";

/**
 * Forward-only (cursor) paging as Webex offers it: Previous/Next and the range of this page.
 * There is no total and no page count, so neither is shown or guessed.
 */
export function DataTableCursorPagination({
  from,
  to,
  noun,
  canPrevious,
  canNext,
  canFirst,
  onPrevious,
  onNext,
  onNextIntent,
  onFirst,
  pageSize,
  pageSizes,
  onPageSizeChange,
  maxPageSize,
  fetching,
}: {
  from: number;
  to: number;
  noun: string;
  canPrevious: boolean;
  canNext: boolean;
  canFirst: boolean;
  onPrevious: () => void;
  onNext: () => void;
  /** The pointer is on Next, or it has focus: a good moment to fetch the next page ahead of the click. */
  onNextIntent?: () => void;
  onFirst: () => void;
  pageSize: number;
  pageSizes: readonly number[];
  onPageSizeChange: (size: number) => void;
  /** Sizes above this are not possible right now (e.g. Webex's 50 with a location filter). */
  maxPageSize?: number;
  fetching?: boolean;
}) {
  const sizeId = useId();
  return (
    <nav aria-label="Pagination" className="flex flex-wrap items-center justify-between gap-3 py-3">
      <p className="flex items-center gap-2 text-sm text-slate-600" aria-live="polite">
        {to > 0 ? (
          <span data-testid="page-range">
            Showing <span className="font-medium tabular-nums text-slate-900">{from.toLocaleString("en")}</span>–
            <span className="font-medium tabular-nums text-slate-900">{to.toLocaleString("en")}</span> {noun}
          </span>
        ) : (
          <span data-testid="page-range">No {noun} on this page</span>
        )}
        {fetching ? (
          <span className="inline-flex items-center gap-1 text-slate-500">
            <Spinner className="h-3.5 w-3.5" /> Loading…
          </span>
        ) : null}
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor={sizeId} className="text-sm text-slate-600">
          Rows per page
        </label>
        <select
          id={sizeId}
          value={pageSize}
          onChange={(e) => onPageSizeChange(Number(e.target.value))}
          className="h-9 rounded-md border border-slate-300 bg-white pl-2 pr-7 text-sm text-slate-800 shadow-sm"
        >
          {pageSizes.map((s) => (
            <option key={s} value={s} disabled={maxPageSize !== undefined && s > maxPageSize}>
              {s}
            </option>
          ))}
        </select>
        <span className="mx-1 h-5 w-px bg-slate-200" aria-hidden />
        {canFirst ? (
          <Button onClick={onFirst} size="md" variant="ghost">
            First page
          </Button>
        ) : null}
        <Button onClick={onPrevious} disabled={!canPrevious}>
          <svg aria-hidden viewBox="0 0 16 16" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="2">
            <path d="M10 4 6 8l4 4" />
          </svg>
          Previous
        </Button>
        <Button onClick={onNext} onPointerEnter={onNextIntent} onFocus={onNextIntent} disabled={!canNext}>
          Next
          <svg aria-hidden viewBox="0 0 16 16" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="2">
            <path d="m6 4 4 4-4 4" />
          </svg>
        </Button>
      </div>
    </nav>
  );
}
