"use client";

import { Button } from "@/components/ui/button";

/** Appears when rows are selected: the count, bulk actions, and a way out. */
export function DataTableSelectionBar({ count, noun, onClear, children }: { count: number; noun: string; onClear: () => void; children?: React.ReactNode }) {
  if (count === 0) return null;
  return (
    <div role="region" aria-label="Selection" className="mb-3 flex flex-wrap items-center gap-3 rounded-lg border border-brand-100 bg-brand-50 px-3 py-2">
      <p className="text-sm font-medium text-brand-700" aria-live="polite" data-testid="selection-count">
        {count.toLocaleString("en")} {noun} selected
      </p>
      <div className="flex flex-wrap items-center gap-2">{children}</div>
      <Button variant="ghost" size="sm" className="ml-auto" onClick={onClear}>
        Clear selection
      </Button>
    </div>
  );
}
