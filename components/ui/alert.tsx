import { cn } from "./cn";

type Tone = "error" | "warning" | "info" | "success";

const TONES: Record<Tone, { box: string; label: string }> = {
  error: { box: "border-rose-200 bg-rose-50 text-rose-900", label: "Error" },
  warning: { box: "border-amber-200 bg-amber-50 text-amber-950", label: "Warning" },
  info: { box: "border-sky-200 bg-sky-50 text-sky-950", label: "Note" },
  success: { box: "border-emerald-200 bg-emerald-50 text-emerald-950", label: "Done" },
};

/** A message box. Errors are announced (role="alert"); others are polite status messages. */
export function Alert({
  tone = "info",
  title,
  children,
  action,
  onDismiss,
  className,
}: {
  tone?: Tone;
  title: string;
  children?: React.ReactNode;
  action?: React.ReactNode;
  onDismiss?: () => void;
  className?: string;
}) {
  const t = TONES[tone];
  return (
    <div role={tone === "error" ? "alert" : "status"} className={cn("flex flex-wrap items-start justify-between gap-3 rounded-lg border px-4 py-3 text-sm", t.box, className)}>
      <div className="min-w-0 flex-1">
        <p className="font-semibold">
          <span className="sr-only">{t.label}: </span>
          {title}
        </p>
        {children ? <div className="mt-1">{children}</div> : null}
      </div>
      {action || onDismiss ? (
        <div className="flex shrink-0 items-center gap-2">
          {action}
          {onDismiss ? (
            <button type="button" onClick={onDismiss} className="rounded-md px-2 py-1 text-xs font-medium underline-offset-2 hover:underline">
              Dismiss
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
