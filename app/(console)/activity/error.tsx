"use client";

import { RouteError, type RouteErrorProps } from "@/components/ui/route-error";

export default function ActivityError(props: RouteErrorProps) {
  return <RouteError {...props} page="Activity" title="Could not load the activity" back={{ href: "/", label: "Back to Overview" }} />;
}
