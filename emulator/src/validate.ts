import type { z } from "zod";
import { formatZodError } from "./config";
import { ApiError } from "./http";

export function parseWith<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw new ApiError(400, `Invalid request body: ${formatZodError(result.error)}`);
  return result.data;
}
