"use client";

import { Badge } from "@/components/ui/badge";
import { describeForecast, type Forecast } from "@/lib/licenses/forecast";
import { useTimeZone } from "@/components/ui/date-time";
import { formatDate } from "@/lib/format";

const LABEL: Record<Forecast["kind"], { text: string; tone: "slate" | "red" | "green" | "amber" }> = {
  collecting: { text: "Still collecting", tone: "slate" },
  exhausted: { text: "Already full", tone: "red" },
  stable: { text: "Not running out", tone: "green" },
  "runs-out": { text: "Runs out", tone: "amber" },
};

export function ForecastPanel({ forecast }: { forecast: Forecast }) {
  const l = LABEL[forecast.kind];
  const timeZone = useTimeZone();
  return (
    <div className="space-y-2" data-testid="forecast">
      <div className="flex items-center gap-2">
        <h3 className="text-sm font-semibold text-slate-900">Forecast</h3>
        <Badge tone={l.tone} dot>
          {l.text}
        </Badge>
      </div>
      <p className="text-sm text-slate-700">{describeForecast(forecast, (ms) => formatDate(ms, timeZone))}</p>
      {forecast.kind !== "collecting" ? (
        <p className="text-xs text-slate-500">
          Linear fit over the last 30 days ({forecast.fit.points} snapshots, {forecast.fit.days.toFixed(1)} days); the range is the 95 % band of
          the daily rate.
        </p>
      ) : null}
    </div>
  );
}
