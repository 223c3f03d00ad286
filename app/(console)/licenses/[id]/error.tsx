"use client";

import { RouteError, type RouteErrorProps } from "@/components/ui/route-error";

export default function LicenseError(props: RouteErrorProps) {
  return <RouteError {...props} page="License" title="Could not load this license" back={{ href: "/licenses", label: "All licenses" }} />;
}
