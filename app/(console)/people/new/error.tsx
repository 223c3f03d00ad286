"use client";

import { RouteError, type RouteErrorProps } from "@/components/ui/route-error";

export default function NewPersonError(props: RouteErrorProps) {
  return <RouteError {...props} page="Add person" title="Could not open the form" back={{ href: "/people", label: "Back to People" }} />;
}
