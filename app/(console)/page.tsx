import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Overview" };

const sections = [
  { href: "/people", title: "People", text: "Browse, search and fix the people of your organization." },
  { href: "/licenses", title: "Licenses", text: "Capacity per license pool, and who holds each one." },
  { href: "/roles", title: "Roles", text: "Who holds which administrator role." },
  { href: "/activity", title: "Activity", text: "The audit trail of changes made through Roster." },
];

export default function OverviewPage() {
  return (
    <>
      <PageHeader title="Overview" description="Your Webex organization at a glance." />
      <ul className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
        {sections.map((s) => (
          <li key={s.href}>
            <Link href={s.href} className="block h-full rounded-lg border border-slate-200 bg-white p-5 shadow-sm transition hover:border-brand-500 hover:shadow">
              <h2 className="text-base font-semibold text-slate-900">{s.title}</h2>
              <p className="mt-1 text-sm text-slate-600">{s.text}</p>
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}
