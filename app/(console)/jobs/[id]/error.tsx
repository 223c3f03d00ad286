"use client";

import { RouteError, type RouteErrorProps } from "@/components/ui/route-error";

export default function JobError(props: RouteErrorProps) {
  return <RouteError {...props} page="Job" title="Could not load this job" back={{ href: "/jobs", label: "Back to Jobs" }} />;
}
