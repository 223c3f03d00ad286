// Liveness for the load balancer or orchestrator: the process answers. No session, no database, no Webex.
export const dynamic = "force-dynamic";

export function GET(): Response {
  return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
}
