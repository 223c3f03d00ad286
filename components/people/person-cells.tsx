"use client";

import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Tooltip } from "@/components/ui/tooltip";
import { DateTime } from "@/components/ui/date-time";
import { initials, type Person, personName, primaryEmail, statusInfo } from "@/lib/people/person";

export function PersonNameCell({ person }: { person: Person }) {
  const name = personName(person);
  return (
    <div className="flex min-w-0 items-center gap-2.5">
      {person.avatar ? (
        // Webex avatars come from Webex's CDN; a plain img avoids configuring remote image hosts.
        // eslint-disable-next-line @next/next/no-img-element
        <img src={person.avatar} alt="" loading="lazy" className="h-7 w-7 shrink-0 rounded-full object-cover" />
      ) : (
        <span aria-hidden className="grid h-7 w-7 shrink-0 place-items-center rounded-full bg-slate-200 text-[11px] font-semibold text-slate-600">
          {initials(name)}
        </span>
      )}
      {/* Rows open on click/Enter; the link keeps open-in-new-tab and gives screen readers a named target. */}
      <Link href={`/people/${encodeURIComponent(person.id)}`} prefetch={false} tabIndex={-1} className="truncate font-medium text-slate-900 hover:underline">
        {name}
      </Link>
      {person.type && person.type !== "person" ? <Badge tone="slate">{person.type === "bot" ? "Bot" : "App"}</Badge> : null}
    </div>
  );
}

export function EmailCell({ person }: { person: Person }) {
  const email = primaryEmail(person);
  return email ? <span className="truncate" title={email}>{email}</span> : <Dash />;
}

export function StatusCell({ status }: { status: string | undefined }) {
  if (!status) return <Dash />;
  const info = statusInfo(status);
  return (
    <Badge tone={info.tone} dot title={info.description}>
      {info.label}
    </Badge>
  );
}

export function NamesCell({ names, noun, emptyLabel }: { names: string[]; noun: [string, string]; emptyLabel?: string }) {
  if (names.length === 0) return emptyLabel ? <span className="text-slate-500">{emptyLabel}</span> : <Dash />;
  const count = `${names.length} ${names.length === 1 ? noun[0] : noun[1]}`;
  return (
    <Tooltip
      content={
        <ul className="list-none">
          {names.map((n, i) => (
            <li key={i}>{n}</li>
          ))}
        </ul>
      }
    >
      <span className="tabular-nums">{count}</span>
    </Tooltip>
  );
}

export function TextListCell({ names }: { names: string[] }) {
  if (names.length === 0) return <Dash />;
  const text = names.join(", ");
  return (
    <span className="truncate" title={text}>
      {text}
    </span>
  );
}

export function TextCell({ value, missing }: { value: string | undefined; missing?: string }) {
  return value ? (
    <span className="truncate" title={value}>
      {value}
    </span>
  ) : (
    <Dash label={missing} />
  );
}

export function BooleanCell({ value, yes, no, yesTone = "amber" }: { value: boolean | undefined; yes: string; no: string; yesTone?: "amber" | "green" | "slate" }) {
  if (value === undefined) return <Dash />;
  return value ? <Badge tone={yesTone}>{yes}</Badge> : <span className="text-slate-600">{no}</span>;
}

export function RelativeTimeCell({ iso, mode = "relative" }: { iso: string | undefined; mode?: "relative" | "date" }) {
  if (!iso) return <Dash label="Never" />;
  return <DateTime value={iso} mode={mode} />;
}

function Dash({ label = "Not set" }: { label?: string }) {
  return (
    <span className="text-slate-500" title={label}>
      <span aria-hidden>—</span>
      <span className="sr-only">{label}</span>
    </span>
  );
}
