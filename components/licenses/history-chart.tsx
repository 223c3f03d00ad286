"use client";

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { DAY_MS, type Forecast } from "@/lib/licenses/forecast";
import type { HistoryRow } from "@/lib/query/license-capacity";
import { useTimeZone } from "@/components/ui/date-time";
import { formatDate, formatDateTime } from "@/lib/format";
import { CHART_TOOLTIP_STYLE } from "./utilisation-chart";

interface Point {
  at: number;
  consumed?: number;
  total?: number;
  trend?: number;
}

/**
 * Consumed and total units over time, plus the forecast's fitted line continued to the run-out date (or 30
 * days ahead). Lines differ by dash pattern as well as colour. A text summary stands in for screen readers.
 */
export function HistoryChart({ history, forecast }: { history: HistoryRow[]; forecast: Forecast }) {
  const timeZone = useTimeZone();
  const points: Point[] = history.map((h) => ({ at: h.at, consumed: h.consumed, total: h.total }));
  if (forecast.kind === "runs-out" || forecast.kind === "stable") {
    const f = forecast.fit;
    const last = history[history.length - 1]!;
    const end = forecast.kind === "runs-out" ? Math.min(forecast.at, last.at + 180 * DAY_MS) : last.at + 30 * DAY_MS;
    const line = (t: number) => Math.round((f.intercept + f.slope * ((t - f.origin) / DAY_MS)) * 10) / 10;
    const start = Math.max(f.origin, last.at - 30 * DAY_MS);
    points.push({ at: start, trend: line(start) }, { at: last.at, trend: line(last.at) }, { at: end, trend: line(end), total: last.total });
    points.sort((a, b) => a.at - b.at);
  }
  const first = history[0];
  const last = history[history.length - 1];
  const summary = first && last
    ? `From ${formatDate(first.at, timeZone)} to ${formatDate(last.at, timeZone)}, consumed went from ${first.consumed} to ${last.consumed} of ${last.total} units (${history.length} snapshots).`
    : "No snapshots yet.";
  return (
    <figure role="img" aria-label={`License usage over time. ${summary}`}>
      <div className="h-72" aria-hidden>
        <ResponsiveContainer width="100%" height="100%">
          <LineChart accessibilityLayer={false} data={points} margin={{ top: 8, right: 24, bottom: 8, left: 0 }}>
            <CartesianGrid stroke="var(--chart-grid)" />
            <XAxis
              dataKey="at"
              type="number"
              scale="time"
              domain={["dataMin", "dataMax"]}
              tickFormatter={(v: number) => formatDate(v, timeZone)}
              stroke="var(--chart-axis)"
              fontSize={12}
              minTickGap={40}
            />
            <YAxis stroke="var(--chart-axis)" fontSize={12} allowDecimals={false} domain={[0, "auto"]} width={56} />
            <Tooltip contentStyle={CHART_TOOLTIP_STYLE} labelFormatter={(v) => formatDateTime(Number(v), timeZone)} />
            <Legend />
            <Line name="Total units" dataKey="total" stroke="var(--chart-total)" strokeWidth={2} strokeDasharray="6 4" dot={false} type="stepAfter" connectNulls isAnimationActive={false} />
            <Line name="Consumed" dataKey="consumed" stroke="var(--chart-consumed)" strokeWidth={2.5} dot={history.length < 40 ? { fill: "var(--chart-tooltip-bg)" } : false} connectNulls isAnimationActive={false} />
            <Line name="Trend (30-day fit)" dataKey="trend" stroke="var(--chart-trend)" strokeWidth={2} strokeDasharray="2 4" dot={false} connectNulls isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
