"use client";

import { RouteError, type RouteErrorProps } from "@/components/ui/route-error";

export default function ImportError(props: RouteErrorProps) {
  return <RouteError {...props} page="Import people" title="Could not open the import" back={{ href: "/people", label: "Back to People" }} />;
}
