import "server-only";

// Webex has no If-Match: between our GET and our PUT another PUT can land, and ours (built from the older GET)
// would silently restore that person's old values. Within one process, GET→PUT→GET for the same person
// therefore runs one at a time. Several instances would need a shared lock (docs/decisions/005).

const globalForLocks = globalThis as unknown as { __rosterPersonLocks?: Map<string, Promise<void>> };
const locks = (globalForLocks.__rosterPersonLocks ??= new Map());

export async function withPersonLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const previous = locks.get(key) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((resolve) => (release = resolve));
  const tail = previous.then(() => mine);
  locks.set(key, tail);
  await previous;
  try {
    return await fn();
  } finally {
    release();
    if (locks.get(key) === tail) locks.delete(key);
  }
}
