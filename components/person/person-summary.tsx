import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { formatAddress, formatPhone, type Lookups } from "@/lib/people/field-labels";
import { DateTime } from "@/components/ui/date-time";
import type { LicenseDetail, PersonDetail } from "@/lib/people/person-detail";
import { remainingUnits } from "@/lib/people/capacity";

export function Section({ title, children, className, action }: { title: string; children: React.ReactNode; className?: string; action?: React.ReactNode }) {
  const id = `section-${title.toLowerCase().replace(/\W+/g, "-")}`;
  return (
    <section aria-labelledby={id} className={`rounded-lg border border-slate-200 bg-white ${className ?? ""}`}>
      <div className="flex items-center justify-between border-b border-slate-100 px-5 py-3">
        <h2 id={id} className="text-sm font-semibold text-slate-900">
          {title}
        </h2>
        {action}
      </div>
      <div className="px-5 py-3">{children}</div>
    </section>
  );
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  const empty = children === undefined || children === null || children === "" || (Array.isArray(children) && children.length === 0);
  return (
    <div className="grid grid-cols-[10rem_1fr] gap-4 py-1.5 text-sm">
      <dt className="text-slate-500">{label}</dt>
      <dd className="min-w-0 break-words text-slate-900">{empty ? <span className="text-slate-500">Not set</span> : children}</dd>
    </div>
  );
}

function When({ iso }: { iso?: string }) {
  if (!iso) return null;
  return (
    <>
      <DateTime value={iso} /> <span className="text-slate-500">(<DateTime value={iso} mode="relative" />)</span>
    </>
  );
}

const TYPE_LABEL: Record<string, string> = { person: "Person", bot: "Bot", appuser: "App user" };

export function PersonSummary({ person, lookups, licenses }: { person: PersonDetail; lookups: Lookups; licenses: LicenseDetail[] }) {
  const byId = new Map(licenses.map((l) => [l.id, l]));
  const held = person.licenses ?? [];
  const groups = new Map<string, string[]>();
  for (const id of held) {
    const sub = byId.get(id)?.subscriptionId ?? "Other";
    groups.set(sub, [...(groups.get(sub) ?? []), id]);
  }
  const location = person.locationId ? lookups.locations.get(person.locationId) ?? person.locationId : undefined;
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Section title="Identity">
        <dl>
          <Row label="Display name">{person.displayName}</Row>
          <Row label="First name">{person.firstName}</Row>
          <Row label="Last name">{person.lastName}</Row>
          <Row label="Email">{person.emails?.join(", ")}</Row>
          <Row label="Type">{person.type ? TYPE_LABEL[person.type] ?? person.type : undefined}</Row>
          <Row label="Sign-in">{person.loginEnabled === false ? <Badge tone="red" dot>Disabled (deactivated)</Badge> : <Badge tone="green" dot>Enabled</Badge>}</Row>
          <Row label="Invitation">{person.invitePending ? <Badge tone="violet" dot>Pending: has not accepted yet</Badge> : "Accepted"}</Row>
          <Row label="Created">{person.created ? <When iso={person.created} /> : undefined}</Row>
          <Row label="Last activity">{person.lastActivity ? <When iso={person.lastActivity} /> : undefined}</Row>
          <Row label="Time zone">{person.timezone}</Row>
        </dl>
      </Section>
      <Section title="Organization">
        <dl>
          <Row label="Department">{person.department}</Row>
          <Row label="Title">{person.title}</Row>
          <Row label="Manager">
            {person.managerId ? (
              <Link className="font-medium text-brand-700 underline-offset-2 hover:underline" href={`/people/${encodeURIComponent(person.managerId)}`}>
                {person.manager || "View manager"}
              </Link>
            ) : (
              person.manager
            )}
          </Row>
          <Row label="Admin roles">
            {(person.roles ?? []).length > 0 ? (
              <ul className="flex flex-wrap gap-1.5">
                {(person.roles ?? []).map((r) => (
                  <li key={r}>
                    <Badge tone="blue">{lookups.roles.get(r) ?? "Unknown role"}</Badge>
                  </li>
                ))}
              </ul>
            ) : (
              "None"
            )}
          </Row>
        </dl>
      </Section>
      <Section title="Contact and calling">
        <dl>
          <Row label="Phone numbers">
            {(person.phoneNumbers ?? []).length > 0 ? (
              <ul>
                {(person.phoneNumbers ?? []).map((n, i) => (
                  <li key={i}>{formatPhone(n)}</li>
                ))}
              </ul>
            ) : undefined}
          </Row>
          <Row label="Extension">{person.extension}</Row>
          <Row label="Calling location">{location}</Row>
          <Row label="Addresses">
            {(person.addresses ?? []).length > 0 ? (
              <ul>
                {(person.addresses ?? []).map((a, i) => (
                  <li key={i}>{formatAddress(a as Record<string, unknown>)}</li>
                ))}
              </ul>
            ) : undefined}
          </Row>
        </dl>
      </Section>
      <Section title={`Licenses (${held.length})`}>
        {held.length === 0 ? (
          <p className="py-1.5 text-sm text-slate-500">No licenses assigned.</p>
        ) : (
          <div className="space-y-3 py-1">
            {[...groups].map(([sub, ids]) => (
              <div key={sub}>
                <p className="text-xs font-medium uppercase tracking-wide text-slate-500">Subscription {sub}</p>
                <ul className="mt-1 space-y-1">
                  {ids.map((id) => {
                    const l = byId.get(id);
                    const left = l ? remainingUnits(l) : null;
                    return (
                      <li key={id} className="flex items-baseline justify-between gap-3 text-sm">
                        <span className="text-slate-900">{lookups.licenses.get(id) ?? "Unknown license"}</span>
                        {left !== null ? <span className="shrink-0 text-xs text-slate-500">{left.toLocaleString("en")} left in org</span> : null}
                      </li>
                    );
                  })}
                </ul>
              </div>
            ))}
          </div>
        )}
      </Section>
    </div>
  );
}
