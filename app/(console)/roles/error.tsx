"use client";

import { RouteError, type RouteErrorProps } from "@/components/ui/route-error";

export default function RolesError(props: RouteErrorProps) {
  return <RouteError {...props} page="Roles" title="Could not load the roles" back={{ href: "/", label: "Back to Overview" }} />;
}
