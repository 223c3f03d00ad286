import "server-only";

/**
 * First-in, first-out turn-taking. The rate budget answers "not yet" without queueing anyone, so callers polling
 * it compete at random and an unlucky one can starve past its wait bound; inside one process, callers of the
 * same org therefore take turns here and only the head of the line polls the budget.
 */
export class FifoGate {
  private tail: Promise<void> = Promise.resolve();

  /**
   * Runs `fn` once every earlier caller's turn is over. If `timeoutMs` passes first, rejects with `onTimeout()`
   * and `fn` never runs (the caller leaves the line without holding up those behind it). An aborted `signal`
   * (the browser went away) leaves the line the same way, rejecting with `onAbort()`.
   */
  run<T>(fn: () => Promise<T>, timeoutMs: number, onTimeout: () => Error, signal?: AbortSignal, onAbort: () => Error = onTimeout): Promise<T> {
    const prev = this.tail;
    let release!: () => void;
    const done = new Promise<void>((r) => (release = r));
    this.tail = prev.then(() => done);
    return new Promise<T>((resolve, reject) => {
      let timedOut = false;
      const leave = (err: () => Error) => {
        if (timedOut) return;
        timedOut = true;
        clearTimeout(timer);
        signal?.removeEventListener("abort", aborted);
        reject(err());
      };
      const aborted = () => leave(onAbort);
      const timer = setTimeout(() => leave(onTimeout), Math.max(0, timeoutMs));
      if (signal?.aborted) aborted();
      else signal?.addEventListener("abort", aborted, { once: true });
      void prev.then(async () => {
        if (timedOut) return release();
        clearTimeout(timer);
        signal?.removeEventListener("abort", aborted);
        try {
          resolve(await fn());
        } catch (e) {
          reject(e);
        } finally {
          release();
        }
      });
    });
  }
}

const gates = new WeakMap<object, Map<string, FifoGate>>();

/** One line per (budget store, org), shared by every client in the process that uses that store. */
export function gateFor(owner: object, key: string): FifoGate {
  let byKey = gates.get(owner);
  if (!byKey) gates.set(owner, (byKey = new Map()));
  let gate = byKey.get(key);
  if (!gate) byKey.set(key, (gate = new FifoGate()));
  return gate;
}
