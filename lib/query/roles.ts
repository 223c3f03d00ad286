import { queryOptions } from "@tanstack/react-query";
import type { ListResponse, Role } from "@/lib/people/person";
import { fetchApi } from "./fetch-api";

export const rolesKeys = { all: ["roles"] as const };

/** GET /api/roles: a small list that rarely changes, used to turn IDs into names. */
export const rolesOptions = () =>
  queryOptions({
    queryKey: rolesKeys.all,
    queryFn: ({ signal }) => fetchApi<ListResponse<Role>>("/api/roles", { signal }),
    staleTime: 5 * 60_000,
  });
