/** A removable filter chip: the whole chip names what it removes for screen readers. */
export function Chip({ label, value, onRemove }: { label: string; value: string; onRemove: () => void }) {
  return (
    <span className="inline-flex h-7 max-w-xs items-center gap-1 rounded-full border border-slate-300 bg-white pl-3 pr-1 text-sm text-slate-700">
      <span className="truncate">
        <span className="text-slate-500">{label}:</span> <span className="font-medium text-slate-800">{value}</span>
      </span>
      <button
        type="button"
        onClick={onRemove}
        aria-label={`Remove filter ${label}: ${value}`}
        className="grid h-5 w-5 shrink-0 place-items-center rounded-full text-slate-500 hover:bg-slate-100 hover:text-slate-800"
      >
        <svg aria-hidden viewBox="0 0 16 16" className="h-3 w-3" fill="none" stroke="currentColor" strokeWidth="2">
          <path d="M4 4l8 8M12 4l-8 8" />
        </svg>
      </button>
    </span>
  );
}
