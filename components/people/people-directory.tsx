"use client";

import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { type RowSelectionState, type SortingState, type Updater, useTable } from "@tanstack/react-table";
import dynamic from "next/dynamic";
import { useRouter } from "next/navigation";
import { useCallback, useMemo, useState } from "react";
import { DataTable } from "@/components/data-table/data-table";
import { DataTableCursorPagination } from "@/components/data-table/data-table-cursor-pagination";
import { dataTableFeatures } from "@/components/data-table/data-table-features";
import { DataTableSelectionBar } from "@/components/data-table/data-table-selection-bar";
import { DataTableViewOptions } from "@/components/data-table/data-table-view-options";
import { Button } from "@/components/ui/button";
import { Chip } from "@/components/ui/chip";
import { EmptyState } from "@/components/ui/empty-state";
import { previousCursor, rememberStep } from "@/lib/people/cursor-history";
import { type Person, toLookup } from "@/lib/people/person";
import {
  clearFilters,
  effectivePageSize,
  hasFilters,
  isPageSizeClamped,
  PAGE_SIZES,
  type PageSize,
  pageRange,
  searchIntent,
  toPeopleQuery,
  withFilters,
} from "@/lib/people/people-view";
import { licensesOptions } from "@/lib/query/licenses";
import { locationsOptions } from "@/lib/query/locations";
import { peopleListOptions } from "@/lib/query/people";
import { isBusy, retryWaitSeconds } from "@/lib/query/retry";
import { rolesOptions } from "@/lib/query/roles";
import { PEOPLE_MAX_PAGE_WITH_LOCATION } from "@/lib/people/formats";
import { isSortKey } from "@/lib/directory/facets";
import { effectiveFilter, isIndexView, offsetRange, toDirectoryQuery } from "@/lib/people/people-view";
import { directoryPeopleOptions } from "@/lib/query/directory-people";
import { DateTime } from "@/components/ui/date-time";
import { formatCount } from "@/lib/format";
import { FacetPanel } from "./facet-panel";
import type { AllMatching, BulkTarget } from "./bulk-action-dialog";
import { buildPeopleColumns, visibilityFor } from "./people-columns";
import { LocationFilter, RoleFilter } from "./people-filters";
import { PeopleSearch } from "./people-search";
import { PeopleTableSkeleton } from "./people-skeleton";
import { BusyNotice, PeopleEmpty, PeopleError } from "./people-states";
import { ExportButton } from "./export-button";
import { SaveViewButton } from "@/components/shell/save-view-button";
import { useColumnVisibility } from "./use-column-visibility";
import { useIsClient } from "@/components/ui/use-is-client";
import { usePeopleView } from "./use-people-view";
import { filterNavigation } from "@/lib/url-view";

const NO_PEOPLE: Person[] = [];

// The bulk-action dialog (its steps, the preview table, the change labels) is not on the first paint of the grid:
// its code loads when a bulk button is pointed at or focused, or at the latest on the click that opens it. Until it
// arrives focus stays on the button; the dialog takes it when it opens, as it always did.
const loadBulkDialog = () => import("./bulk-action-dialog");
const BulkActionDialog = dynamic(() => loadBulkDialog().then((m) => m.BulkActionDialog), { ssr: false });
const preloadBulkDialog = () => void loadBulkDialog();

/** The grid's search and filters as the job preview takes them ("all matching" is walked on the server). */
function bulkFilter(q: string, roles: string[], location: string | null) {
  const intent = searchIntent(q);
  return {
    ...(intent.kind === "email" ? { email: intent.email } : {}),
    ...(intent.kind === "name" ? { displayName: intent.displayName } : {}),
    ...(roles.length ? { roles } : {}),
    ...(location ? { locationId: location } : {}),
  };
}

function apply<T>(updater: Updater<T>, old: T): T {
  return typeof updater === "function" ? (updater as (o: T) => T)(old) : updater;
}

/** `freshness`: the index's freshness line with Sync now (components/directory's IndexFreshness), from the page. */
export function PeopleDirectory({ canWrite = false, freshness }: { canWrite?: boolean; freshness?: React.ReactNode }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const isClient = useIsClient();
  const { view, navigate } = usePeopleView();
  const params = useMemo(() => toPeopleQuery(view), [view]);

  const licenses = useQuery(licensesOptions());
  const roles = useQuery(rolesOptions());
  const locations = useQuery(locationsOptions());
  // The index view (a facet only Roster's index answers) or live from Webex: lib/people/people-view.ts.
  const indexView = isIndexView(view);
  const people = useQuery({
    ...peopleListOptions(params ?? { max: effectivePageSize(view) }),
    enabled: params !== null && !indexView,
    placeholderData: keepPreviousData,
  });
  // Facet counts always (when the org is indexed); with the index view, also its page of rows and exact total.
  const dirParams = useMemo(() => toDirectoryQuery(view), [view]);
  const dir = useQuery({
    ...directoryPeopleOptions(dirParams ?? { limit: "1" }),
    enabled: dirParams !== null,
    placeholderData: keepPreviousData,
  });
  const dirData = dir.data?.indexed ? dir.data : null;
  const indexed = dir.data ? dir.data.indexed : null;

  const lookups = useMemo(
    () => ({ licenses: toLookup(licenses.data?.items), roles: toLookup(roles.data?.items), locations: toLookup(locations.data?.items) }),
    [licenses.data, roles.data, locations.data],
  );
  const columns = useMemo(() => {
    const cols = buildPeopleColumns(lookups, view.location);
    // The index sorts the whole org by these columns; the others (lists, yes/no) are not offered there.
    return indexView ? cols.map((c) => (c.id && !isSortKey(c.id) ? { ...c, enableSorting: false } : c)) : cols;
  }, [lookups, view.location, indexView]);

  // Selection survives paging (people are kept by ID), so "Export selected" can span pages.
  const [selected, setSelected] = useState<Map<string, Person>>(() => new Map());
  const [bulk, setBulk] = useState<BulkTarget | null>(null);
  const [bulkAll, setBulkAll] = useState<AllMatching | null>(null);
  const rows = (indexView ? dirData?.rows : people.data?.items) ?? NO_PEOPLE;
  const rowSelection = useMemo<RowSelectionState>(() => Object.fromEntries(rows.filter((p) => selected.has(p.id)).map((p) => [p.id, true])), [rows, selected]);
  const onRowSelectionChange = useCallback(
    (updater: Updater<RowSelectionState>) => {
      const next = apply(updater, rowSelection);
      setSelected((old) => {
        const map = new Map(old);
        for (const p of rows) {
          if (next[p.id]) map.set(p.id, p);
          else map.delete(p.id);
        }
        return map;
      });
    },
    [rowSelection, rows],
  );

  const sorting = useMemo<SortingState>(() => (view.sort ? [{ id: view.sort.id, desc: view.sort.desc }] : []), [view.sort]);
  const onSortingChange = useCallback(
    (updater: Updater<SortingState>) => {
      const next = apply(updater, sorting)[0];
      const sort = next ? { id: next.id, desc: next.desc } : null;
      // In the index view a sort reorders the whole org (a new first page, a Back step); live, only this page.
      if (indexView) navigate({ ...view, sort, offset: 0 });
      else navigate({ ...view, sort }, "replace");
    },
    [navigate, sorting, view, indexView],
  );

  const onColsChange = useCallback((cols: string[] | null) => navigate({ ...view, cols }, "replace"), [navigate, view]);
  const columnsChoice = useColumnVisibility(view.cols, onColsChange);
  const columnVisibility = useMemo(() => visibilityFor(columnsChoice.visible), [columnsChoice.visible]);

  const table = useTable({
    features: dataTableFeatures,
    columns,
    data: rows,
    getRowId: (p) => p.id,
    state: { sorting, rowSelection, columnVisibility },
    onSortingChange,
    onRowSelectionChange,
    onColumnVisibilityChange: (updater) => {
      const next = apply(updater, columnVisibility);
      columnsChoice.setVisible(Object.keys(next).filter((k) => next[k]));
    },
    enableMultiSort: false,
    enableSortingRemoval: true,
    manualSorting: indexView,
  });

  // The next page is fetched when the admin points at (or tabs to) Next, so the click is usually instant; not on
  // every view of the list, which would spend a Webex call of the org's shared budget on pages nobody opens.
  const nextCursor = people.data?.nextCursor ?? null;
  const prefetchNext = useCallback(() => {
    if (params && nextCursor && !people.isPlaceholderData) {
      void queryClient.prefetchQuery(peopleListOptions({ ...params, cursor: nextCursor }));
    }
  }, [params, nextCursor, people.isPlaceholderData, queryClient]);

  const prev = isClient && view.cursor ? previousCursor(view.cursor) : undefined;
  const goNext = () => {
    if (!nextCursor) return;
    rememberStep(view.cursor, nextCursor);
    navigate({ ...view, cursor: nextCursor, page: view.page + 1 });
  };
  const goPrevious = () => {
    if (prev === undefined) return;
    navigate({ ...view, cursor: prev, page: prev ? Math.max(2, view.page - 1) : 1 });
  };
  const goFirst = () => navigate({ ...view, cursor: null, page: 1 });

  const onSearch = useCallback(
    (q: string) => {
      if (q === view.q) return;
      navigate(withFilters(view, { q }), filterNavigation(view.q, q));
    },
    [navigate, view],
  );

  const roleName = (id: string) => lookups.roles.get(id) ?? "Unknown role";
  const locationName = (id: string) => lookups.locations.get(id) ?? "Unknown location";
  const filtered = hasFilters(view);
  const intent = searchIntent(view.q);
  const showing = pageRange(view, rows.length);
  const sortedBy = view.sort ? table.getColumn(view.sort.id)?.columnDef.meta?.label : undefined;
  const busyWait = people.fetchStatus === "fetching" && people.failureCount > 0 && isBusy(people.failureReason) ? retryWaitSeconds(people.failureCount, people.failureReason) : null;

  const filterTarget = { filter: bulkFilter(view.q, view.roles, view.location) };

  // ---- the index view's page, total and paging ----
  const total = dirData?.total ?? null;
  const shown = offsetRange(view, rows.length);
  const goOffset = (offset: number) => navigate({ ...view, offset: Math.max(0, offset) });
  const onFacets = ({ filter, roles: roleIds }: { filter: typeof view.filter; roles: string[] }) => navigate(withFilters(view, { filter: { ...filter, roles: [] }, roles: roleIds }));

  let body: React.ReactNode;
  if (indexView) {
    if (dir.isError && !dir.isFetching) {
      body = <PeopleError error={dir.error} onRetry={() => void dir.refetch()} retrying={dir.isFetching} />;
    } else if (dir.isPending || (dir.isError && dir.isFetching)) {
      body = <PeopleTableSkeleton />;
    } else if (indexed === false) {
      body = (
        <EmptyState title="Roster has not indexed this organization yet">
          <p>These filters are answered from Roster&apos;s own index of your organization. Press Sync now above the filters to build it (Roster reads everyone from Webex once), or clear the filters to see people live from Webex.</p>
        </EmptyState>
      );
    } else if (rows.length === 0 && !dir.isPlaceholderData) {
      body = <PeopleEmpty filtered laterPage={view.offset > 0} onFirst={() => goOffset(0)} onClear={() => navigate(clearFilters(view))} />;
    } else {
      body = (
        <DataTable
          table={table}
          busy={dir.isPlaceholderData}
          caption={`People matching the filters, from Roster's index: rows ${shown.from} to ${shown.to} of ${total ?? 0}.${sortedBy ? ` Sorted by ${sortedBy} across the whole organization.` : ""} Press Enter on a row to open the person.`}
          onOpenRow={(row) => router.push(`/people/${encodeURIComponent(row.original.id)}`)}
        />
      );
    }
  } else if (people.isError && !people.isFetching) {
    body = <PeopleError error={people.error} onRetry={() => void people.refetch()} retrying={people.isFetching} />;
  } else if (people.isPending || (people.isError && people.isFetching)) {
    body = <PeopleTableSkeleton />;
  } else if (rows.length === 0 && !people.isPlaceholderData) {
    body = <PeopleEmpty filtered={filtered} laterPage={view.page > 1} onFirst={goFirst} onClear={() => navigate(clearFilters(view))} />;
  } else {
    body = (
      <DataTable
        table={table}
        busy={people.isPlaceholderData}
        caption={`People${filtered ? " matching the filters" : ""}, rows ${showing.from} to ${showing.to}.${sortedBy ? ` Sorted by ${sortedBy} within this page only.` : ""} Press Enter on a row to open the person.`}
        onOpenRow={(row) => router.push(`/people/${encodeURIComponent(row.original.id)}`)}
      />
    );
  }

  return (
    <div className="flex flex-col gap-4 lg:flex-row lg:items-start">
      <FacetPanel
        facets={dirData?.facets ?? null}
        labels={dirData?.labels ?? null}
        choice={{ filter: view.filter, roles: view.roles }}
        onChange={onFacets}
        onClear={() => navigate(clearFilters(view))}
        active={Boolean(view.roles.length || view.location || indexView)}
        indexed={indexed}
        loading={dir.isFetching}
        total={total}
        freshness={freshness}
      />
    <section aria-label="People directory" data-hydrated={isClient || undefined} className="min-w-0 flex-1">
      <div className="mb-3 flex flex-wrap items-center gap-2">
        <PeopleSearch value={view.q} onSearch={onSearch} />
        <RoleFilter roles={roles.data?.items} counts={dirData?.facets.roles} loading={roles.isPending} selected={view.roles} onChange={(ids) => navigate(withFilters(view, { roles: ids }))} />
        {indexView ? null : <LocationFilter locations={locations.data?.items} selected={view.location} onChange={(id) => navigate(withFilters(view, { location: id }))} />}
        <div className="ml-auto flex items-center gap-2">
          <SaveViewButton />
          {/* Export and "Act on all matching" walk Webex with the live filters: in the index view they would leave
              the facets out, so they are offered live only (the index view's place for "all N matching" is below). */}
          {params && !indexView ? (
            <ExportButton target={filterTarget} label="Export" description={filtered ? "Export matching people as CSV (the import template's format)" : "Export everyone as CSV (the import template's format)"} />
          ) : null}
          {canWrite && params && !indexView ? (
            <Button
              size="md"
              onPointerEnter={preloadBulkDialog}
              onFocus={preloadBulkDialog}
              onClick={() => setBulk({ kind: "filter", filter: bulkFilter(view.q, view.roles, view.location), description: filtered ? "everyone matching the search and filters" : "everyone in the organization" })}
            >
              {filtered ? "Act on all matching…" : "Act on everyone…"}
            </Button>
          ) : null}
          <DataTableViewOptions table={table} onReset={columnsChoice.reset} />
        </div>
      </div>

      {view.q || view.roles.length || view.location ? (
        <div className="mb-3 flex flex-wrap items-center gap-2" aria-label="Active filters" role="group">
          {view.q ? <Chip label={intent.kind === "email" ? "Email" : "Name starts with"} value={view.q} onRemove={() => navigate(withFilters(view, { q: "" }))} /> : null}
          {view.roles.map((id) => (
            <Chip key={id} label="Role" value={roleName(id)} onRemove={() => navigate(withFilters(view, { roles: view.roles.filter((r) => r !== id) }))} />
          ))}
          {view.location ? <Chip label="Location" value={locationName(view.location)} onRemove={() => navigate(withFilters(view, { location: null }))} /> : null}
          <Button variant="ghost" size="sm" onClick={() => navigate(clearFilters(view))}>
            Clear all
          </Button>
        </div>
      ) : null}

      <div className="mb-3 flex flex-wrap items-center gap-x-3 gap-y-1 rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm text-slate-700" data-testid="grid-source">
        {indexView ? (
          <>
            <span className="font-medium text-slate-900" aria-live="polite" aria-atomic="true" data-testid="index-total">
              {total === null ? "Counting…" : `${formatCount(total)} ${total === 1 ? "person matches" : "people match"}`}
            </span>
            <span>
              From Roster&apos;s index{dirData ? (
                <>
                  , as of <DateTime value={dirData.asOf} mode="relative" />
                </>
              ) : null}
              . Sorting and paging cover every match.
            </span>
            {/* Everyone matching the index filter: the server resolves them from the index at preview (a search text
                is not part of the server's filter, so the offer waits until the text is cleared). */}
            {canWrite && dirData && total !== null && total > 0 && !view.q ? (
              <Button
                size="sm"
                onPointerEnter={preloadBulkDialog}
                onFocus={preloadBulkDialog}
                onClick={() => setBulkAll({ filter: effectiveFilter(view), count: total, asOf: dirData.asOf })}
              >
                Act on all {formatCount(total)} matching…
              </Button>
            ) : null}
          </>
        ) : (
          <span>
            <span className="font-medium text-slate-900">Live from Webex</span>
            {view.q ? " (search by name or email)" : ""}. Webex gives no total; choose a filter on the left for exact counts and sorting across everyone.
          </span>
        )}
      </div>

      {isPageSizeClamped(view) && !indexView ? (
        <p className="mb-3 text-sm text-slate-600" data-testid="page-size-note">
          With a location filter Webex returns at most {PEOPLE_MAX_PAGE_WITH_LOCATION} people per page, so pages hold {PEOPLE_MAX_PAGE_WITH_LOCATION}.
        </p>
      ) : null}

      {busyWait !== null ? <BusyNotice key={people.failureCount} waitSeconds={busyWait} attempt={people.failureCount} /> : null}

      <DataTableSelectionBar count={selected.size} noun={selected.size === 1 ? "person" : "people"} onClear={() => setSelected(new Map())}>
        {canWrite ? (
          <Button size="sm" variant="primary" onPointerEnter={preloadBulkDialog} onFocus={preloadBulkDialog} onClick={() => setBulk({ kind: "selection", ids: [...selected.keys()] })}>
            Bulk action…
          </Button>
        ) : null}
        <ExportButton size="sm" target={{ personIds: [...selected.keys()] }} label="Export selected as CSV" />
      </DataTableSelectionBar>

      {body}

      {bulkAll ? (
        <BulkActionDialog
          target={{ kind: "selection", ids: [] }}
          allMatching={bulkAll}
          licenses={licenses.data?.items ?? []}
          roles={roles.data?.items ?? []}
          lookups={lookups}
          onClose={() => setBulkAll(null)}
        />
      ) : null}

      {bulk ? (
        <BulkActionDialog
          target={bulk}
          licenses={licenses.data?.items ?? []}
          roles={roles.data?.items ?? []}
          lookups={lookups}
          onClose={() => setBulk(null)}
        />
      ) : null}

      {indexView && dirData && (rows.length > 0 || view.offset > 0) ? (
        <DataTableCursorPagination
          from={shown.from}
          to={shown.to}
          noun={`of ${formatCount(dirData.total)} people`}
          canPrevious={view.offset > 0}
          canNext={view.offset + rows.length < dirData.total && !dir.isPlaceholderData}
          canFirst={view.offset >= 2 * view.size}
          onPrevious={() => goOffset(view.offset - view.size)}
          onNext={() => goOffset(view.offset + view.size)}
          onFirst={() => goOffset(0)}
          pageSize={view.size}
          pageSizes={PAGE_SIZES}
          onPageSizeChange={(size) => navigate(withFilters(view, { size: size as PageSize }))}
          fetching={dir.isPlaceholderData}
        />
      ) : null}

      {!indexView && !people.isError && !people.isPending && (rows.length > 0 || view.page > 1) ? (
        <>
          <DataTableCursorPagination
            from={showing.from}
            to={showing.to}
            noun="people"
            canPrevious={view.page > 1 && prev !== undefined}
            canNext={Boolean(nextCursor) && !people.isPlaceholderData}
            canFirst={view.page > 2 || (view.page > 1 && prev === undefined)}
            onPrevious={goPrevious}
            onNext={goNext}
            onNextIntent={prefetchNext}
            onFirst={goFirst}
            pageSize={effectivePageSize(view)}
            pageSizes={PAGE_SIZES}
            maxPageSize={view.location ? PEOPLE_MAX_PAGE_WITH_LOCATION : undefined}
            onPageSizeChange={(size) => navigate(withFilters(view, { size: size as PageSize }))}
            fetching={people.isPlaceholderData}
          />
          <p className="text-xs text-slate-500">
            Webex does not report a total, so only this page&apos;s range is shown. Sorting reorders this page only. Keyboard: <kbd>/</kbd> search, <kbd>↑</kbd> <kbd>↓</kbd> move between rows,{" "}
            <kbd>Enter</kbd> open, <kbd>Space</kbd> select.
          </p>
        </>
      ) : null}
    </section>
    </div>
  );
}
