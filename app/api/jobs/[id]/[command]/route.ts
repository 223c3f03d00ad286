import { z } from "zod";
import { JOB_COMMANDS, jobIdSchema, startBodySchema } from "@/lib/jobs/schemas";
import { apiDeps } from "@/lib/server/api/deps";
import { route } from "@/lib/server/api/handler";
import { getDb } from "@/lib/server/db";
import { runCommand } from "@/lib/server/jobs/commands";

const params = z.object({ id: jobIdSchema, command: z.enum(JOB_COMMANDS, "Unknown command: use start, pause, resume, cancel or retry") });

/** start (a previewed job), pause, resume, cancel, retry (the failed items). Answers the job as it is now. */
export const POST = route({ auth: "write", params, body: startBodySchema, bodyOptional: true, maxBodyBytes: 4096 }, async ({ webex, user, params, body }) =>
  runCommand(await getDb(), webex, user, await apiDeps().sessionIdOf(user), params.id, params.command, body),
);
