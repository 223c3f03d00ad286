"use client";

import { RouteError, type RouteErrorProps } from "@/components/ui/route-error";

export default function ReclaimError(props: RouteErrorProps) {
  return <RouteError {...props} page="Reclaim licenses" title="Could not load the reclaim view" back={{ href: "/licenses", label: "All licenses" }} />;
}
