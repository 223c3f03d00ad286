"use client";

import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import type { Lookups } from "@/lib/people/field-labels";
import type { LicenseDetail } from "@/lib/people/person-detail";
import type { NamedItem } from "@/lib/people/person";
import { licensesOptions } from "./licenses";
import { locationsOptions } from "./locations";
import { rolesOptions } from "./roles";

const names = (items: readonly NamedItem[] | undefined) => new Map((items ?? []).map((i) => [i.id, i.name || "Unnamed"]));

/** Licenses (with capacity), roles and locations, and id → name maps for showing changes. */
export function usePersonLookups() {
  const licenses = useQuery(licensesOptions());
  const roles = useQuery(rolesOptions());
  const locations = useQuery(locationsOptions());
  const lookups = useMemo<Lookups>(
    () => ({ licenses: names(licenses.data?.items), roles: names(roles.data?.items), locations: names(locations.data?.items) }),
    [licenses.data, roles.data, locations.data],
  );
  return {
    licenses: (licenses.data?.items ?? []) as LicenseDetail[],
    roles: roles.data?.items ?? [],
    locations: locations.data?.items ?? [],
    lookups,
    loading: licenses.isPending || roles.isPending || locations.isPending,
    error: licenses.error ?? roles.error ?? locations.error,
  };
}
