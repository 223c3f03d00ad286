import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { DateTime } from "@/components/ui/date-time";
import { formatPercent, LEVEL_INFO } from "@/lib/licenses/capacity";
import { AUDIT_ACTION_LABELS, AUDIT_OUTCOME_LABELS } from "@/lib/people/audit-types";
import type { OverviewData } from "@/lib/licenses/api-types";

const nf = new Intl.NumberFormat("en-US");

function Tile({ href, title, linkText, children, testId }: { href: string; title: string; linkText: string; children: React.ReactNode; testId: string }) {
  return (
    <section aria-labelledby={`${testId}-h`} className="flex flex-col rounded-lg border border-slate-200 bg-white p-5 shadow-sm" data-testid={testId}>
      <h2 id={`${testId}-h`} className="text-sm font-semibold uppercase tracking-wide text-slate-600">{title}</h2>
      <div className="mt-3 flex-1">{children}</div>
      <Link href={href} className="mt-4 self-start text-sm font-medium text-brand-600 hover:underline">
        {linkText} <span aria-hidden>→</span>
      </Link>
    </section>
  );
}

function Failed({ message }: { message: string }) {
  return <p role="alert" className="text-sm text-rose-800">Could not load: {message}</p>;
}

function Big({ value, label }: { value: string; label: string }) {
  return (
    <p>
      <span className="text-3xl font-semibold tabular-nums text-slate-900">{value}</span> <span className="text-sm text-slate-600">{label}</span>
    </p>
  );
}

export function OverviewTiles({ data }: { data: OverviewData }) {
  const { licenses, reclaim, roles, audit } = data;
  return (
    <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
      <Tile href="/licenses" title="License capacity" linkText="Open licenses" testId="tile-licenses">
        {licenses.ok ? (
          <>
            <dl className="grid grid-cols-2 gap-2 text-sm">
              {(["warning", "critical", "exhausted", "overage"] as const).map((lvl) => (
                <div key={lvl} className="flex items-baseline justify-between rounded-md bg-slate-50 px-3 py-2">
                  <dt className="text-xs text-slate-600">{LEVEL_INFO[lvl].label}</dt>
                  <dd className="text-xl font-semibold tabular-nums" data-testid={`count-${lvl}`}>{licenses.data.counts[lvl]}</dd>
                </div>
              ))}
            </dl>
            <ul className="mt-3 space-y-1 text-sm">
              {licenses.data.attention.slice(0, 4).map((l) => (
                <li key={l.id} className="flex items-start justify-between gap-2">
                  <Link href={`/licenses/${encodeURIComponent(l.id)}`} className="min-w-0 text-slate-800 hover:underline">{l.name}</Link>
                  <span className="flex shrink-0 items-center gap-2">
                    <span className="tabular-nums text-slate-600">{formatPercent(l.utilisation)}</span>
                    <Badge tone={LEVEL_INFO[l.level].tone} dot>{LEVEL_INFO[l.level].label}</Badge>
                  </span>
                </li>
              ))}
              {!licenses.data.attention.length ? <li className="text-slate-600">All {licenses.data.total} licenses are under 80 %.</li> : null}
            </ul>
          </>
        ) : (
          <Failed message={licenses.message} />
        )}
      </Tile>

      <Tile href="/licenses/reclaim" title="Reclaimable units" linkText="Review and reclaim" testId="tile-reclaim">
        {reclaim.ok ? (
          reclaim.data ? (
            <>
              <Big value={nf.format(reclaim.data.units)} label={`units from ${nf.format(reclaim.data.people)} people`} />
              <p className="mt-2 text-xs text-slate-500">
                Deactivated, invite pending over {reclaim.data.inviteDays} days, or inactive over {reclaim.data.inactiveDays} days. Scanned <DateTime value={reclaim.data.scannedAt} mode="relative" />.
              </p>
            </>
          ) : (
            <p className="text-sm text-slate-600">No scan yet. Run one to see which licenses can be taken back.</p>
          )
        ) : (
          <Failed message={reclaim.message} />
        )}
      </Tile>

      <Tile href="/people" title="Pending invites" linkText="Open people" testId="tile-invites">
        {reclaim.ok ? (
          reclaim.data ? (
            <>
              <Big value={nf.format(reclaim.data.invitePending)} label="people have not accepted their invite" />
              <p className="mt-2 text-xs text-slate-500">From the organization scan, <DateTime value={reclaim.data.scannedAt} mode="relative" />.</p>
            </>
          ) : (
            <p className="text-sm text-slate-600">Known after the first organization scan (on the reclaim page).</p>
          )
        ) : (
          <Failed message={reclaim.message} />
        )}
      </Tile>

      <Tile href="/roles" title="Administrators by role" linkText="Open roles" testId="tile-roles">
        {roles.ok ? (
          <ul className="space-y-1.5 text-sm">
            {roles.data.map((r) => (
              <li key={r.id} className="flex items-center justify-between gap-2">
                <span className="text-slate-800">{r.name}</span>
                <span className="font-semibold tabular-nums" data-field="count">{r.members}</span>
              </li>
            ))}
          </ul>
        ) : (
          <Failed message={roles.message} />
        )}
      </Tile>

      <Tile href="/activity" title="Recent changes" linkText="Open activity" testId="tile-audit">
        {audit.ok ? (
          audit.data.length ? (
            <ul className="space-y-2 text-sm">
              {audit.data.map((e) => (
                <li key={e.id}>
                  <span className="font-medium text-slate-800">{(AUDIT_ACTION_LABELS as Record<string, string>)[e.action] ?? e.action}</span>
                  {e.target ? <span className="text-slate-700"> · {e.target}</span> : null}
                  {e.outcome === "error" ? (
                    <Badge tone="red" className="ml-2">
                      Failed
                    </Badge>
                  ) : e.outcome === "pending" || e.outcome === "unknown" ? (
                    <Badge tone="amber" className="ml-2">
                      {AUDIT_OUTCOME_LABELS[e.outcome]}
                    </Badge>
                  ) : null}
                  <span className="block text-xs text-slate-500">
                    <DateTime value={e.at} />
                    {e.actor ? ` by ${e.actor}` : ""}
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-slate-600">No changes made through Roster yet.</p>
          )
        ) : (
          <Failed message={audit.message} />
        )}
      </Tile>
    </div>
  );
}
