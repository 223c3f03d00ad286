"use client";

import { useSyncExternalStore } from "react";
import { cn } from "@/components/ui/cn";
import { currentThemeChoice, setThemeChoice, subscribeTheme, THEME_CHOICES, type ThemeChoice } from "./theme";

const LABELS: Record<ThemeChoice, string> = { system: "System", light: "Light", dark: "Dark" };

/**
 * System / Light / Dark: buttons with aria-pressed in a labelled group (like components/ui/toggle-group.tsx, sized
 * for the sidebar). The choice is stored in the browser and applied at once; "System" follows the OS.
 */
export function ThemeToggle({ className }: { className?: string }) {
  // The server does not know the stored choice: it renders "System" pressed, the browser corrects it after hydration.
  const choice = useSyncExternalStore(subscribeTheme, currentThemeChoice, () => "system" as const);
  return (
    <div role="group" aria-label="Theme" className={cn("flex rounded-md border border-slate-200 bg-white p-0.5 shadow-sm", className)}>
      {THEME_CHOICES.map((c) => (
        <button
          key={c}
          type="button"
          aria-pressed={choice === c}
          onClick={() => setThemeChoice(c)}
          className={cn(
            "flex-1 rounded px-2 py-1 text-xs font-medium transition-colors focus-visible:outline-2 focus-visible:outline-brand-500",
            choice === c ? "bg-brand-50 text-brand-700" : "text-slate-600 hover:text-slate-900",
          )}
        >
          {LABELS[c]}
        </button>
      ))}
    </div>
  );
}
