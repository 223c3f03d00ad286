import "server-only";
import { headers } from "next/headers";
import { RETURN_PATH_HEADER } from "./return-path";

export async function currentReturnPath(): Promise<string> {
  return (await headers()).get(RETURN_PATH_HEADER) ?? "/";
}
