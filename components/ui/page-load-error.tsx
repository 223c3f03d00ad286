import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";

/** A server-rendered page that could not load its data: what happened, the tracking ID, and a way on. */
export function PageLoadError({ title, message, trackingId, retryHref }: { title: string; message: string; trackingId?: string; retryHref: string }) {
  return (
    <Alert tone="error" title={title} action={<Link href={retryHref} className={buttonClass("secondary", "sm")}>Try again</Link>}>
      <p>{message}</p>
      {trackingId ? <p className="mt-1 text-xs">Webex tracking ID (for support): <code className="select-all">{trackingId}</code></p> : null}
    </Alert>
  );
}
