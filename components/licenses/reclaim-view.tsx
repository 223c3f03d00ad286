"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useCallback, useMemo, useState } from "react";
import { ApiErrorAlert } from "@/components/ui/api-error-alert";
import { toast } from "@/components/ui/toast";
import { useUrlView } from "@/components/ui/use-url-view";
import { parseReclaimView, reclaimApiQuery, serializeReclaimView, type ReclaimUrlView } from "@/lib/licenses/reclaim-url";
import { downloadReclaimCsv, reclaimViewOptions, useReclaimDone, useScanCompletion, useStartScan, type ReclaimViewResponse } from "@/lib/query/reclaim";
import { ReclaimCandidates, useReclaimSelection } from "./reclaim-candidates";
import { ReclaimCriteriaForm, ReclaimFilters } from "./reclaim-criteria";
import { ReclaimReviewDialog } from "./reclaim-review-dialog";
import { ReclaimScanCard } from "./reclaim-scan-card";
import { ReclaimExportButton, ReclaimSummary } from "./reclaim-summary";

/**
 * `initialView`: the URL's view the server loaded `initial` for. Criteria, filters and page live in the URL
 * (lib/licenses/reclaim-url.ts): reload, Back/Forward and a forwarded link show the same list.
 */
export function ReclaimView({
  initial,
  initialView,
  canWrite,
  licenseNames,
}: {
  initial: ReclaimViewResponse;
  initialView: ReclaimUrlView;
  canWrite: boolean;
  licenseNames: Record<string, string>;
}) {
  const { view: url, navigate } = useUrlView(parseReclaimView, serializeReclaimView);
  const selection = useReclaimSelection();
  const [reviewing, setReviewing] = useState(false);
  // New criteria (applied here, or by Back/Forward): a selection made under others goes.
  const criteriaKey = `${url.inviteDays}/${url.inactiveDays}`;
  const [seenCriteria, setSeenCriteria] = useState(criteriaKey);
  if (seenCriteria !== criteriaKey) {
    setSeenCriteria(criteriaKey);
    selection.clear();
  }
  // A license the candidates do not hold (a stale link) filters nothing: the list shows everyone.
  const [knownUnits, setKnownUnits] = useState(initial.units);
  const license = url.license && url.license in knownUnits ? url.license : null;
  const query = reclaimApiQuery({ ...url, license });

  const isInitial = url.inviteDays === initialView.inviteDays && url.inactiveDays === initialView.inactiveDays && url.reason === initialView.reason && license === initialView.license;
  const view = useQuery({
    ...reclaimViewOptions(query),
    ...(isInitial ? { initialData: initial } : {}),
    placeholderData: (prev) => prev,
  });
  if (view.data && view.data.units !== knownUnits && !view.isPlaceholderData) setKnownUnits(view.data.units);
  const exportCsv = useMutation({ mutationFn: () => downloadReclaimCsv(query) });
  const start = useStartScan();
  const { clear } = selection;
  const scan = useScanCompletion(
    initial,
    useCallback(
      (status) => {
        if (status === "failed") toast.error("The organization scan failed", { description: "The scan card says why." });
        else toast.success("Organization scan finished", { description: "The candidates below are up to date." });
        clear();
      },
      [clear],
    ),
  );
  const reclaimDone = useReclaimDone();

  const name = useCallback((id: string) => licenseNames[id] ?? "Unknown license", [licenseNames]);
  const data = view.data;
  const units = useMemo(() => Object.entries(data?.units ?? {}).sort((a, b) => b[1] - a[1]), [data]);

  return (
    <div className="space-y-6">
      <ReclaimScanCard
        scan={data?.scan ?? null}
        running={scan.data?.running ?? null}
        lastFinished={scan.data?.lastFinished ?? null}
        onStart={() => start.mutate()}
        starting={start.isPending}
        startError={start.error}
        canStart={canWrite}
      />

      <ReclaimCriteriaForm criteria={url} onApply={(criteria) => navigate({ ...url, ...criteria, page: 1 })} />

      {view.isError ? <ApiErrorAlert error={view.error} title="Could not load the reclaim list" onRetry={() => void view.refetch()} /> : null}

      {data?.scan ? (
        <>
          <ReclaimSummary units={units} people={data.people} licenseName={name} />
          <ReclaimCandidates
            rows={data.rows}
            matching={data.matching}
            page={url.page - 1}
            onPage={(index) => navigate({ ...url, page: index + 1 })}
            selection={selection}
            canWrite={canWrite}
            onReview={() => setReviewing(true)}
            busy={view.isFetching}
            licenseName={name}
            toolbar={
              <>
                <ReclaimFilters
                  reason={url.reason}
                  license={license}
                  licenses={units.map(([id]) => id)}
                  licenseName={name}
                  onReason={(reason) => navigate({ ...url, reason, page: 1 })}
                  onLicense={(l) => navigate({ ...url, license: l, page: 1 })}
                />
                <ReclaimExportButton matching={data.matching} exporting={exportCsv.isPending} onExport={() => exportCsv.mutate()} />
              </>
            }
            notice={exportCsv.isError ? <ApiErrorAlert error={exportCsv.error} title="The CSV was not downloaded" onRetry={() => exportCsv.mutate()} /> : null}
          />
        </>
      ) : null}

      {reviewing ? (
        <ReclaimReviewDialog
          open
          people={[...selection.selected.values()]}
          licenseName={name}
          initialLicenses={license ? [license] : []}
          onClose={(changed) => {
            setReviewing(false);
            if (changed) {
              selection.clear();
              reclaimDone();
            }
          }}
        />
      ) : null}
      <p className="text-xs text-slate-500">
        Removing a license returns its unit to the pool at once. See <Link href="/licenses" className="text-brand-600 underline">capacity</Link> afterwards.
      </p>
    </div>
  );
}
