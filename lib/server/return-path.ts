/** Set by proxy.ts on console page requests: the path and query the visitor asked for. */
export const RETURN_PATH_HEADER = "x-roster-return-path";
