import { formatCount, formatPercent, LEVEL_INFO, type LicenseCapacity } from "@/lib/licenses/capacity";
import { CapacityBar, LevelBadge } from "./level-badge";

function Stat({ label, value, hint, testId }: { label: string; value: string; hint?: string; testId?: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-sm">
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold tabular-nums text-slate-900" data-testid={testId}>
        {value}
      </dd>
      {hint ? <dd className="text-xs text-slate-500">{hint}</dd> : null}
    </div>
  );
}

export function LicenseStats({ license: l }: { license: LicenseCapacity }) {
  return (
    <section aria-label="Capacity" className="space-y-3">
      <div className="flex flex-wrap items-center gap-3 text-sm text-slate-600">
        <LevelBadge level={l.level} />
        <span>{LEVEL_INFO[l.level].description}</span>
        <span aria-hidden>·</span>
        <span>{l.subscriptionId ?? "No subscription"}</span>
        {l.siteUrl ? (
          <>
            <span aria-hidden>·</span>
            <span>
              {l.siteUrl}
              {l.siteType ? ` (${l.siteType})` : ""}
            </span>
          </>
        ) : null}
      </div>
      <CapacityBar level={l.level} utilisation={l.utilisation} className="h-3 max-w-3xl" />
      <dl className="grid grid-cols-2 gap-3 md:grid-cols-5">
        <Stat label="Used" value={formatPercent(l.utilisation)} testId="stat-percent" />
        <Stat label="Consumed" value={formatCount(l.consumed)} testId="stat-consumed" />
        <Stat label="Total" value={formatCount(l.total)} testId="stat-total" />
        <Stat label="Remaining" value={formatCount(l.remaining)} testId="stat-remaining" hint={l.remaining < 0 ? "Over the purchased units" : undefined} />
        <Stat
          label="Users / workspaces"
          value={`${l.users === null ? "—" : formatCount(l.users)} / ${l.workspaces === null ? "—" : formatCount(l.workspaces)}`}
          testId="stat-split"
        />
      </dl>
    </section>
  );
}
