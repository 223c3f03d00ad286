import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { CreateViewBody, SavedView, SavedViewsList, UpdateViewBody } from "@/lib/directory/saved-views";
import { fetchApi, sendApi } from "./fetch-api";

export type { SavedView, SavedViewsList };

export const viewKeys = {
  all: ["views"] as const,
};

/** The admin's saved views and the org's shared ones (the sidebar); a colleague's new shared view shows within a minute. */
export const viewsOptions = () =>
  queryOptions({
    queryKey: viewKeys.all,
    queryFn: ({ signal }) => fetchApi<SavedViewsList>("/api/views", { signal }),
    staleTime: 30_000,
    refetchInterval: 60_000,
  });

export const useViews = () => useQuery(viewsOptions());

export function useCreateView() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateViewBody) => sendApi<SavedView>("POST", "/api/views", body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: viewKeys.all }),
  });
}

export function useUpdateView() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: UpdateViewBody & { id: string }) => sendApi<SavedView>("PATCH", `/api/views/${encodeURIComponent(id)}`, body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: viewKeys.all }),
  });
}

export function useDeleteView() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => sendApi<null>("DELETE", `/api/views/${encodeURIComponent(id)}`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: viewKeys.all }),
  });
}
