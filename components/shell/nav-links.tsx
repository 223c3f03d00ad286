"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useActiveJobs } from "./job-watcher";

const links = [
  { href: "/", label: "Overview", exact: true },
  { href: "/people", label: "People" },
  { href: "/licenses", label: "Licenses" },
  { href: "/roles", label: "Roles" },
  { href: "/jobs", label: "Jobs" },
  { href: "/activity", label: "Activity" },
  { href: "/changes", label: "Changes" },
];

/** The console's sections. `onNavigate` runs when a link is followed (the narrow-window menu closes itself). */
export function NavLinks({ onNavigate }: { onNavigate?: () => void } = {}) {
  const pathname = usePathname();
  const running = useActiveJobs().length;
  return (
    <ul className="space-y-1">
      {links.map((l) => {
        const active = l.exact ? pathname === l.href : pathname === l.href || pathname.startsWith(`${l.href}/`);
        return (
          <li key={l.href}>
            <Link
              href={l.href}
              aria-current={active ? "page" : undefined}
              onClick={onNavigate}
              className={
                "block rounded-md px-3 py-2 text-sm font-medium transition-colors " +
                (active ? "bg-brand-50 text-brand-700" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900")
              }
            >
              <span className="flex items-center justify-between gap-2">
                {l.label}
                {l.href === "/jobs" && running > 0 ? (
                  <span className="rounded-full bg-brand-500 px-1.5 text-xs font-semibold text-white tabular-nums" data-testid="active-jobs">
                    {running}
                    <span className="sr-only"> running</span>
                  </span>
                ) : null}
              </span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
