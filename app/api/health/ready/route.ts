import { readiness } from "@/lib/server/health";

// Readiness for the load balancer: 200 when this instance should get users, 503 with a short reason when not
// (database unreachable, migrations not applied, shutting down). No session, no Webex.
export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const r = await readiness();
  const headers = { "Cache-Control": "no-store" };
  return r.ready
    ? Response.json({ status: "ready" }, { headers })
    : Response.json({ status: "unavailable", reason: r.reason }, { status: 503, headers });
}
