"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const links = [
  { href: "/", label: "Overview", exact: true },
  { href: "/people", label: "People" },
  { href: "/licenses", label: "Licenses" },
  { href: "/roles", label: "Roles" },
  { href: "/activity", label: "Activity" },
];

export function NavLinks() {
  const pathname = usePathname();
  return (
    <ul className="space-y-1">
      {links.map((l) => {
        const active = l.exact ? pathname === l.href : pathname === l.href || pathname.startsWith(`${l.href}/`);
        return (
          <li key={l.href}>
            <Link
              href={l.href}
              aria-current={active ? "page" : undefined}
              className={
                "block rounded-md px-3 py-2 text-sm font-medium transition-colors " +
                (active ? "bg-brand-50 text-brand-700" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900")
              }
            >
              {l.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
