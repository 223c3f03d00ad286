"use client";

import { useMutation } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { toast } from "@/components/ui/toast";
import { downloadBlob, suggestedName } from "@/lib/download";
import type { JobTarget } from "@/lib/jobs/schemas";
import { postForFile } from "@/lib/query/fetch-api";
import { formatCount } from "@/lib/format";

/**
 * Downloads people as CSV in the import template's format (export → edit → import changes exactly the edited
 * cells). The server reads them from Webex with their Calling data: about a second per 1,000 people.
 */
export function ExportButton({ target, label, description, size = "md" }: { target: JobTarget; label: string; description?: string; size?: "sm" | "md" }) {
  const run = useMutation({
    mutationFn: async () => {
      const res = await postForFile("/api/people/export", { target });
      downloadBlob(suggestedName(res, "people.csv"), await res.blob());
      return Number(res.headers.get("x-roster-people") ?? 0);
    },
    onSuccess: (count) => toast.success(`Exported ${formatCount(count)} ${count === 1 ? "person" : "people"}`, { description: "In the import template's format: edit it and import it back." }),
    onError: (err) => toast.error("The export failed", { description: err instanceof Error ? err.message : String(err) }),
  });
  return (
    <Button size={size} onClick={() => run.mutate()} disabled={run.isPending} aria-busy={run.isPending} aria-label={description} title={description} data-testid="export-people">
      {run.isPending ? (
        <>
          <Spinner /> Exporting…
        </>
      ) : (
        label
      )}
    </Button>
  );
}
