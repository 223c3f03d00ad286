"use client";

import { RouteError, type RouteErrorProps } from "@/components/ui/route-error";

export default function LicensesError(props: RouteErrorProps) {
  return <RouteError {...props} page="Licenses" title="Could not load the licenses" back={{ href: "/", label: "Back to Overview" }} />;
}
