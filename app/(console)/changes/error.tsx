"use client";

import { RouteError, type RouteErrorProps } from "@/components/ui/route-error";

export default function ChangesError(props: RouteErrorProps) {
  return <RouteError {...props} page="Changes" title="Could not load the changes" back={{ href: "/", label: "Back to Overview" }} />;
}
