import { cn } from "./cn";

export interface ChangeItem {
  field: string;
  label: string;
  before: string;
  after: string;
  added?: string[];
  removed?: string[];
}

/** Field-by-field "old → new"; list fields show what is added and removed. */
export function ChangeList({ changes, compact = false }: { changes: ChangeItem[]; compact?: boolean }) {
  return (
    <dl className={cn("divide-y divide-slate-100", compact ? "text-xs" : "text-sm")}>
      {changes.map((c) => (
        <div key={c.field} className={cn("grid gap-1", compact ? "grid-cols-[7.5rem_1fr] gap-3 py-1" : "sm:grid-cols-[9rem_1fr] sm:gap-4 py-2.5")} data-testid={`change-${c.field}`}>
          <dt className="font-medium text-slate-700">{c.label}</dt>
          <dd className="min-w-0 text-slate-800">
            {c.added || c.removed ? (
              <ul className="space-y-0.5">
                {(c.added ?? []).map((n, i) => (
                  <li key={`+${i}`} className="text-emerald-800">
                    <span aria-hidden>+ </span>
                    <span className="sr-only">Added: </span>
                    {n}
                  </li>
                ))}
                {(c.removed ?? []).map((n, i) => (
                  <li key={`-${i}`} className="text-rose-800">
                    <span aria-hidden>− </span>
                    <span className="sr-only">Removed: </span>
                    {n}
                  </li>
                ))}
              </ul>
            ) : c.before === "—" ? (
              <span className="break-words font-medium">
                <span className="sr-only">Set to </span>
                {c.after}
              </span>
            ) : c.after === "—" ? (
              <span className="break-words">
                <span className="sr-only">Cleared, was </span>
                <span className="text-slate-500 line-through decoration-slate-400">{c.before}</span>
                <span aria-hidden className="pl-1.5 italic text-slate-500">
                  cleared
                </span>
              </span>
            ) : (
              <span className="break-words">
                <span className="text-slate-500 line-through decoration-slate-400">{c.before}</span>
                <span className="sr-only"> changed to </span>
                <span aria-hidden className="px-1.5 text-slate-500">→</span>
                <span className="font-medium">{c.after}</span>
              </span>
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}
