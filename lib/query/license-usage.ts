import { queryOptions } from "@tanstack/react-query";
import type { UsageGrouping, UsageResponse } from "@/lib/directory/usage";
import { downloadBlob, suggestedName } from "@/lib/download";
import { fetchApi, getForFile, searchString } from "./fetch-api";
import { directoryKeys } from "./directory";

export type { UsageResponse };

export interface UsageQueryParams {
  by: UsageGrouping;
  licenseId?: string;
  indirect?: boolean;
}

const params = (q: UsageQueryParams) => ({ by: q.by, licenseId: q.licenseId, indirect: q.indirect ? "1" : undefined });

/** Usage by team, from the directory index: under "directory", so a new sync refreshes it (useDirectoryStatus). */
export const licenseUsageOptions = (q: UsageQueryParams) =>
  queryOptions({
    queryKey: [...directoryKeys.all, "license-usage", q.by, q.licenseId ?? null, Boolean(q.indirect)] as const,
    queryFn: ({ signal }) => fetchApi<UsageResponse>(`/api/licenses/usage${searchString(params(q))}`, { signal }),
    staleTime: 60_000,
  });

/** The same figures as CSV (one line per group and license), saved by the browser. */
export async function downloadUsageCsv(q: UsageQueryParams): Promise<void> {
  const res = await getForFile(`/api/licenses/usage/export${searchString(params(q))}`);
  downloadBlob(suggestedName(res, `license-usage-by-${q.by}.csv`), await res.blob());
}
