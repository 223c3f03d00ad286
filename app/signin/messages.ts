// Friendly text for next-auth's `?error=` codes (and ours: SessionExpired). Unknown codes get the default.
const MESSAGES: Record<string, { title: string; body: string }> = {
  SessionExpired: {
    title: "Your Webex session ended",
    body: "Sign in again to continue. Your work in Roster is saved; only the connection to Webex expired.",
  },
  AccessDenied: {
    title: "Sign-in was not allowed",
    body: "Webex did not grant Roster access. If you cancelled, you can try again.",
  },
  OAuthCallback: {
    title: "Webex could not finish signing you in",
    body: "The sign-in was cancelled or Webex answered with an error. Please try again.",
  },
  Callback: {
    title: "Webex could not finish signing you in",
    body: "The sign-in was cancelled or Webex answered with an error. Please try again.",
  },
  OAuthSignin: {
    title: "Could not reach Webex",
    body: "Roster could not start the sign-in with Webex. Check your connection and try again.",
  },
};

const DEFAULT = { title: "Something went wrong", body: "Signing in did not work this time. Please try again." };

export function signInMessage(error: string | undefined): { title: string; body: string } | null {
  if (!error) return null;
  return MESSAGES[error] ?? DEFAULT;
}
