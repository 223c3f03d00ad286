"use client";

import { RouteError, type RouteErrorProps } from "@/components/ui/route-error";

export default function JobsError(props: RouteErrorProps) {
  return <RouteError {...props} page="Jobs" title="Could not load the jobs" back={{ href: "/", label: "Back to Overview" }} />;
}
