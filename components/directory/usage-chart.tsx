"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatCount } from "@/lib/format";
import type { UsageRow } from "@/lib/directory/usage";

// Chart colours are CSS variables (app/globals.css, --chart-*), so that the dark theme has its own.
const TOOLTIP_STYLE = { backgroundColor: "var(--chart-tooltip-bg)", borderColor: "var(--chart-tooltip-border)" };
const MAX_BARS = 12;

/**
 * Units held per group (the groups holding most), each bar split into active holders, idle 30–90 days and idle
 * 90+ days. The table beside it carries every figure as text, so the chart is one image with a summary.
 */
export function UsageChart({ rows, groupNoun }: { rows: readonly UsageRow[]; groupNoun: string }) {
  const top = rows.filter((r) => r.units > 0).slice(0, MAX_BARS);
  const data = top.map((r) => ({
    name: r.label.length > 26 ? `${r.label.slice(0, 25)}…` : r.label,
    full: r.label,
    active: r.units - r.idle30Units,
    idle30: r.idle30Units - r.idle90Units,
    idle90: r.idle90Units,
  }));
  const summary = top.map((r) => `${r.label}: ${formatCount(r.units)} units, ${formatCount(r.idle90Units)} idle 90+ days`).join("; ");
  if (!data.length) return <p className="flex h-40 items-center justify-center rounded-md border border-dashed border-slate-300 text-sm text-slate-600">No units held.</p>;
  return (
    <figure role="img" aria-label={`Units held by ${groupNoun}, the ${top.length} holding most. ${summary}`}>
      <div style={{ height: Math.max(180, 34 * data.length + 70) }} aria-hidden>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart accessibilityLayer={false} data={data} layout="vertical" margin={{ top: 4, right: 24, bottom: 4, left: 8 }}>
            <CartesianGrid horizontal={false} stroke="var(--chart-grid)" />
            <XAxis type="number" allowDecimals={false} stroke="var(--chart-axis)" fontSize={12} />
            <YAxis type="category" dataKey="name" width={170} stroke="var(--chart-axis-strong)" fontSize={12} tickLine={false} />
            <Tooltip
              labelFormatter={(_l, payload) => (payload?.[0]?.payload as { full?: string } | undefined)?.full ?? ""}
              cursor={{ fill: "var(--chart-cursor)" }}
              contentStyle={TOOLTIP_STYLE}
            />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Bar name="Active" dataKey="active" stackId="u" fill="var(--chart-consumed)" isAnimationActive={false} barSize={18} />
            <Bar name="Idle 30–90 days" dataKey="idle30" stackId="u" fill="var(--chart-warning)" isAnimationActive={false} barSize={18} />
            <Bar name="Idle 90+ days" dataKey="idle90" stackId="u" fill="var(--chart-critical)" radius={[0, 4, 4, 0]} isAnimationActive={false} barSize={18} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="mt-2 text-xs text-slate-500">
        {rows.filter((r) => r.units > 0).length > MAX_BARS ? `The ${MAX_BARS} ${groupNoun} holding most units; every one is in the table. ` : ""}
        Idle: no activity in Webex for that long, or never.
      </figcaption>
    </figure>
  );
}
