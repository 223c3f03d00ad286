"use client";

import { createColumnHelper, type ColumnVisibilityState } from "@tanstack/react-table";
import type { DataTableFeatures } from "@/components/data-table/data-table-features";
import { Checkbox } from "@/components/ui/checkbox";
import { type NameLookup, type Person, personName, primaryEmail, resolveNames, statusInfo } from "@/lib/people/person";
import { BooleanCell, EmailCell, NamesCell, PersonNameCell, RelativeTimeCell, StatusCell, TextCell, TextListCell } from "./person-cells";

export interface PeopleLookups {
  licenses: NameLookup;
  roles: NameLookup;
  locations: NameLookup;
}

const helper = createColumnHelper<DataTableFeatures, Person>();

/** Optional columns in display order, and which are shown until the admin chooses otherwise. */
export const PEOPLE_COLUMN_IDS = [
  "email",
  "status",
  "licenses",
  "roles",
  "department",
  "title",
  "location",
  "invitePending",
  "loginEnabled",
  "lastActivity",
  "created",
] as const;
export const DEFAULT_VISIBLE_COLUMNS: readonly string[] = ["email", "status", "licenses", "roles", "department", "lastActivity"];

export function visibilityFor(visible: readonly string[]): ColumnVisibilityState {
  return Object.fromEntries(PEOPLE_COLUMN_IDS.map((id) => [id, visible.includes(id)]));
}

/**
 * `filteredLocation`: with a location filter every row is in that location. Otherwise Webex's list only
 * includes `locationId` for calling users when asked for calling data, so a missing one is "not reported".
 */
export function buildPeopleColumns(lookups: PeopleLookups, filteredLocation: string | null = null) {
  const locationName = (p: Person) => {
    const id = p.locationId ?? filteredLocation;
    return id ? (lookups.locations.get(id) ?? "Unknown location") : "";
  };
  return helper.columns([
    helper.display({
      id: "select",
      enableSorting: false,
      enableHiding: false,
      meta: { width: "44px", label: "Select", align: "center" },
      header: ({ table }) => (
        <Checkbox
          aria-label="Select all people on this page"
          checked={table.getIsAllPageRowsSelected()}
          indeterminate={table.getIsSomePageRowsSelected()}
          onChange={table.getToggleAllPageRowsSelectedHandler()}
        />
      ),
      cell: ({ row }) => (
        <Checkbox
          tabIndex={-1}
          aria-label={`Select ${personName(row.original)}`}
          checked={row.getIsSelected()}
          onChange={row.getToggleSelectedHandler()}
        />
      ),
    }),
    helper.accessor((p) => personName(p), {
      id: "name",
      header: "Name",
      enableHiding: false,
      sortFn: "alphanumeric",
      meta: { width: "196px", label: "Name" },
      cell: ({ row }) => <PersonNameCell person={row.original} />,
    }),
    helper.accessor((p) => primaryEmail(p), {
      id: "email",
      header: "Email",
      sortFn: "alphanumeric",
      meta: { width: "210px", label: "Primary email" },
      cell: ({ row }) => <EmailCell person={row.original} />,
    }),
    helper.accessor((p) => (p.status ? statusInfo(p.status).label : ""), {
      id: "status",
      header: "Status",
      sortFn: "text",
      meta: { width: "130px", label: "Status" },
      cell: ({ row }) => <StatusCell status={row.original.status} />,
    }),
    helper.accessor((p) => p.licenses?.length ?? 0, {
      id: "licenses",
      header: "Licenses",
      sortFn: "basic",
      meta: { width: "118px", label: "Licenses" },
      cell: ({ row }) => <NamesCell names={resolveNames(row.original.licenses, lookups.licenses)} noun={["license", "licenses"]} emptyLabel="None" />,
    }),
    helper.accessor((p) => resolveNames(p.roles, lookups.roles).join(", "), {
      id: "roles",
      header: "Admin roles",
      sortFn: "text",
      meta: { width: "170px", label: "Admin roles" },
      cell: ({ row }) => <TextListCell names={resolveNames(row.original.roles, lookups.roles)} />,
    }),
    helper.accessor((p) => p.department ?? "", {
      id: "department",
      header: "Department",
      sortFn: "text",
      meta: { width: "140px", label: "Department" },
      cell: ({ row }) => <TextCell value={row.original.department} />,
    }),
    helper.accessor((p) => p.title ?? "", {
      id: "title",
      header: "Title",
      sortFn: "text",
      meta: { width: "180px", label: "Title" },
      cell: ({ row }) => <TextCell value={row.original.title} />,
    }),
    helper.accessor(locationName, {
      id: "location",
      header: "Location",
      sortFn: "text",
      meta: { width: "140px", label: "Location" },
      cell: ({ row }) => <TextCell value={locationName(row.original) || undefined} missing="Not reported by Webex in this list" />,
    }),
    helper.accessor((p) => (p.invitePending ? 1 : 0), {
      id: "invitePending",
      header: "Invite",
      sortFn: "basic",
      meta: { width: "120px", label: "Invite pending" },
      cell: ({ row }) => <BooleanCell value={row.original.invitePending} yes="Pending" no="Accepted" />,
    }),
    helper.accessor((p) => (p.loginEnabled === false ? 0 : 1), {
      id: "loginEnabled",
      header: "Sign-in",
      sortFn: "basic",
      meta: { width: "110px", label: "Sign-in enabled" },
      cell: ({ row }) => <BooleanCell value={row.original.loginEnabled === undefined ? undefined : !row.original.loginEnabled} yes="Disabled" no="Enabled" yesTone="slate" />,
    }),
    helper.accessor((p) => p.lastActivity ?? "", {
      id: "lastActivity",
      header: "Last activity",
      sortFn: "basic",
      meta: { width: "140px", label: "Last activity" },
      cell: ({ row }) => <RelativeTimeCell iso={row.original.lastActivity} />,
    }),
    helper.accessor((p) => p.created ?? "", {
      id: "created",
      header: "Created",
      sortFn: "basic",
      meta: { width: "130px", label: "Created" },
      cell: ({ row }) => <RelativeTimeCell iso={row.original.created} mode="date" />,
    }),
  ]);
}
