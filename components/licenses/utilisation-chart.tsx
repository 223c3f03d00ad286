"use client";

import { Bar, BarChart, CartesianGrid, Cell, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatPercent, LEVEL_INFO, type LicenseCapacity } from "@/lib/licenses/capacity";

// Chart colours are CSS variables (app/globals.css, --chart-*), so that the dark theme has its own.
const FILL: Record<string, string> = {
  ok: "var(--chart-ok)",
  warning: "var(--chart-warning)",
  critical: "var(--chart-critical)",
  exhausted: "var(--chart-exhausted)",
  overage: "var(--chart-overage)",
  unknown: "var(--chart-unknown)",
};
export const CHART_TOOLTIP_STYLE = { backgroundColor: "var(--chart-tooltip-bg)", borderColor: "var(--chart-tooltip-border)" };

/**
 * Utilisation per license as horizontal bars with the 80 % and 95 % thresholds. The table next to it carries
 * the same figures as text, so the chart is one image with a summary for screen readers.
 */
export function UtilisationChart({ licenses }: { licenses: LicenseCapacity[] }) {
  const data = licenses.map((l) => ({
    name: l.name.length > 28 ? `${l.name.slice(0, 27)}…` : l.name,
    full: l.name,
    pct: Math.round((l.utilisation ?? 0) * 1000) / 10,
    level: l.level,
    label: `${formatPercent(l.utilisation)} · ${LEVEL_INFO[l.level].label}`,
  }));
  const summary = licenses.map((l) => `${l.name}: ${formatPercent(l.utilisation)} (${LEVEL_INFO[l.level].label})`).join("; ");
  const max = Math.max(100, ...data.map((d) => d.pct));
  return (
    <figure role="img" aria-label={`Utilisation by license. ${summary}`} className="h-full">
      <div style={{ height: Math.max(160, 44 * data.length + 40) }} aria-hidden>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart accessibilityLayer={false} data={data} layout="vertical" margin={{ top: 22, right: 24, bottom: 8, left: 8 }}>
            <CartesianGrid horizontal={false} stroke="var(--chart-grid)" />
            <XAxis type="number" domain={[0, Math.ceil(max / 10) * 10]} tickFormatter={(v: number) => `${v} %`} stroke="var(--chart-axis)" fontSize={12} />
            <YAxis type="category" dataKey="name" width={190} stroke="var(--chart-axis-strong)" fontSize={12} tickLine={false} />
            <Tooltip
              formatter={(_v, _n, item) => [(item.payload as { label: string }).label, "Used"]}
              labelFormatter={(_l, payload) => (payload?.[0]?.payload as { full?: string } | undefined)?.full ?? ""}
              cursor={{ fill: "var(--chart-cursor)" }}
              contentStyle={CHART_TOOLTIP_STYLE}
            />
            <ReferenceLine x={80} stroke="var(--chart-warning-line)" strokeDasharray="4 3" label={{ value: "80 %", position: "top", fill: "var(--chart-warning-line)", fontSize: 11 }} />
            <ReferenceLine x={95} stroke="var(--chart-critical-line)" strokeDasharray="4 3" label={{ value: "95 %", position: "top", fill: "var(--chart-critical-line)", fontSize: 11 }} />
            <Bar dataKey="pct" radius={[0, 4, 4, 0]} isAnimationActive={false} barSize={18}>
              {data.map((d) => (
                <Cell key={d.full} fill={FILL[d.level]} />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="mt-2 text-xs text-slate-500">Dashed lines: warning at 80 %, critical at 95 %.</figcaption>
    </figure>
  );
}
