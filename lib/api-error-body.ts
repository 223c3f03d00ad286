/** The body every /api route answers with on failure: written by lib/server/api/errors.ts, read by lib/query. */
export interface ApiErrorBody {
  error: {
    status: number;
    message: string;
    trackingId?: string;
    retryAfterSeconds?: number;
    /** "SessionExpired" when the session's Webex tokens are gone (send the user to sign in). */
    code?: string;
    fields?: Record<string, string>;
  };
}
