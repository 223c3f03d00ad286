import { ApiRequestError } from "./fetch-api";

// The server's Webex client already retries 5xx and throttling within its own budget, so the browser only
// repeats what is worth repeating: "busy" answers (429/423/503 with Retry-After), honouring the wait, and
// one network failure. Everything else shows the error at once, with Retry.

export const MAX_BUSY_RETRIES = 5;
const MAX_WAIT_SECONDS = 60;

export function isBusy(error: unknown): error is ApiRequestError {
  return error instanceof ApiRequestError && (error.status === 429 || ((error.status === 423 || error.status === 503) && error.retryAfterSeconds !== undefined));
}

export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (isBusy(error)) return failureCount < MAX_BUSY_RETRIES;
  if (error instanceof ApiRequestError) return error.status === 0 && failureCount < 1;
  return false;
}

/** Seconds to wait before retrying a busy answer (Retry-After, capped); a short backoff otherwise. */
export function retryWaitSeconds(failureCount: number, error: unknown): number {
  if (error instanceof ApiRequestError && error.retryAfterSeconds !== undefined) {
    return Math.min(Math.max(1, Math.ceil(error.retryAfterSeconds)), MAX_WAIT_SECONDS);
  }
  return Math.min(2 ** failureCount, 8);
}

export function retryDelay(failureCount: number, error: unknown): number {
  return retryWaitSeconds(failureCount, error) * 1000;
}
