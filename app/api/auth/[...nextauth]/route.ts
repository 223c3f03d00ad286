import NextAuth from "next-auth";
import { getAuthOptions } from "@/lib/server/auth/options";

// Options are built per request from the validated env, never at import time (next build has no secrets).
type Ctx = { params: Promise<{ nextauth: string[] }> };

async function handler(req: Request, ctx: Ctx): Promise<Response> {
  return NextAuth(req as never, ctx as never, getAuthOptions()) as Promise<Response>;
}

export { handler as GET, handler as POST };
