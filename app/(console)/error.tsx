"use client";

import { RouteError, type RouteErrorProps } from "@/components/ui/route-error";

export default function OverviewError(props: RouteErrorProps) {
  return <RouteError {...props} page="Overview" title="Could not load the overview" back={{ href: "/people", label: "Go to People" }} />;
}
