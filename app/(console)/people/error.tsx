"use client";

import { RouteError, type RouteErrorProps } from "@/components/ui/route-error";

export default function PeopleError(props: RouteErrorProps) {
  return <RouteError {...props} page="People" title="Could not load people" back={{ href: "/", label: "Back to Overview" }} />;
}
