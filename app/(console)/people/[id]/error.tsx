"use client";

import { RouteError, type RouteErrorProps } from "@/components/ui/route-error";

export default function PersonError(props: RouteErrorProps) {
  return <RouteError {...props} page="Person" title="Could not load this person" back={{ href: "/people", label: "Back to People" }} />;
}
