import "server-only";
import type { PoolConfig } from "pg";

/** Connection options shared by every node-postgres pool the app opens (the main pool and the edit-lock pool). */
export function poolOptions(url: string): PoolConfig {
  return { connectionString: url };
}
