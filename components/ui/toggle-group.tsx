import { cn } from "./cn";

/** One of a few views (a filter of a list): buttons with aria-pressed in a labelled group. */
export function ToggleGroup<T extends string>({
  label,
  options,
  value,
  onChange,
  className,
}: {
  label: string;
  options: readonly { value: T; label: React.ReactNode }[];
  value: T;
  onChange: (value: T) => void;
  className?: string;
}) {
  return (
    <div role="group" aria-label={label} className={cn("inline-flex flex-wrap rounded-md border border-slate-200 bg-white p-0.5 shadow-sm", className)}>
      {options.map((o) => (
        <button
          key={o.value}
          type="button"
          aria-pressed={value === o.value}
          onClick={() => onChange(o.value)}
          className={cn(
            "rounded px-3 py-1 text-sm font-medium transition-colors focus-visible:outline-2 focus-visible:outline-brand-500",
            value === o.value ? "bg-brand-50 text-brand-700" : "text-slate-600 hover:text-slate-900",
          )}
        >
          {o.label}
        </button>
      ))}
    </div>
  );
}

/** The options of a ToggleGroup from its value → label record, in the record's order. */
export function toggleOptions<T extends string, L extends React.ReactNode>(labels: Partial<Record<T, L>>): { value: T; label: L }[] {
  return (Object.keys(labels) as T[]).map((value) => ({ value, label: labels[value]! }));
}
