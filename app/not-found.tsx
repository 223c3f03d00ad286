import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { StandalonePage } from "@/components/ui/standalone-page";

export const metadata: Metadata = { title: "Page not found" };

/** Any address Roster does not have (console pages with an unknown id have their own, inside the console). */
export default function NotFound() {
  return (
    <StandalonePage title="This page does not exist">
      <p>The link may be mistyped or out of date. Everything in Roster starts from the overview.</p>
      <div className="mt-6 flex flex-wrap gap-2">
        <Link href="/" className={buttonClass("primary", "md")}>
          Go to the overview
        </Link>
        <Link href="/people" className={buttonClass("secondary", "md")}>
          People
        </Link>
      </div>
    </StandalonePage>
  );
}
