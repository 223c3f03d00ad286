/** One holder of a license, as the holders table shows it (the server builds it, the browser renders it). */
export interface Holder {
  id: string;
  displayName: string;
  email: string;
  /** INTERNAL | EXTERNAL (from includeAssignedTo) when known. */
  type: string | null;
  status: string | null;
  lastActivity: string | null;
  loginEnabled: boolean | null;
  invitePending: boolean | null;
}
