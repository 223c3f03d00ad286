import { Badge } from "@/components/ui/badge";
import { LEVEL_INFO, type CapacityLevel } from "@/lib/licenses/capacity";

/** The capacity level as text with a colour cue (the text alone carries the meaning). */
export function LevelBadge({ level }: { level: CapacityLevel }) {
  const info = LEVEL_INFO[level];
  return (
    <Badge tone={info.tone} dot title={info.description}>
      {info.label}
    </Badge>
  );
}

export const LEVEL_BAR: Record<CapacityLevel, string> = {
  ok: "bg-emerald-500",
  warning: "bg-amber-500",
  critical: "bg-rose-500",
  // Dark mode remaps rose-700 to a pale tint: a saturated red keeps "exhausted" the strongest cue there too.
  exhausted: "bg-rose-700 dark:bg-red-500",
  overage: "bg-violet-600",
  unknown: "bg-slate-400",
};

/** The utilisation bar; decorative (the percentage is always printed beside it). */
export function CapacityBar({ level, utilisation, className }: { level: CapacityLevel; utilisation: number | null; className?: string }) {
  const pct = Math.min(100, Math.max(0, (utilisation ?? 0) * 100));
  return (
    <span aria-hidden className={`relative block h-2 w-full overflow-hidden rounded-full bg-slate-200 ${className ?? ""}`}>
      <span className={`absolute inset-y-0 left-0 rounded-full ${LEVEL_BAR[level]}`} style={{ width: `${pct}%` }} />
      {/* threshold ticks at 80 % and 95 % */}
      <span className="absolute inset-y-0 left-[80%] w-px bg-white/80" />
      <span className="absolute inset-y-0 left-[95%] w-px bg-white/80" />
    </span>
  );
}
