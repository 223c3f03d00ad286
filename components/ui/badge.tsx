import { cn } from "./cn";

export type BadgeTone = "green" | "blue" | "red" | "amber" | "violet" | "slate";

const TONES: Record<BadgeTone, { box: string; dot: string }> = {
  green: { box: "bg-emerald-50 text-emerald-800 ring-emerald-200", dot: "bg-emerald-500" },
  blue: { box: "bg-sky-50 text-sky-800 ring-sky-200", dot: "bg-sky-500" },
  red: { box: "bg-rose-50 text-rose-800 ring-rose-200", dot: "bg-rose-500" },
  amber: { box: "bg-amber-50 text-amber-900 ring-amber-200", dot: "bg-amber-500" },
  violet: { box: "bg-violet-50 text-violet-800 ring-violet-200", dot: "bg-violet-500" },
  slate: { box: "bg-slate-100 text-slate-700 ring-slate-200", dot: "bg-slate-400" },
};

/** A label with a colour cue; the text always carries the meaning (never colour alone). */
export function Badge({ tone = "slate", dot = false, title, className, children }: { tone?: BadgeTone; dot?: boolean; title?: string; className?: string; children: React.ReactNode }) {
  const t = TONES[tone];
  return (
    <span title={title} className={cn("inline-flex max-w-full items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset", t.box, className)}>
      {dot ? <span aria-hidden className={cn("h-1.5 w-1.5 shrink-0 rounded-full", t.dot)} /> : null}
      <span className="truncate">{children}</span>
    </span>
  );
}
