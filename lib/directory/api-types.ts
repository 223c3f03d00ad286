// Shapes of the directory index's routes (/api/directory/*), shared by the route handlers and the browser.

export interface DirectorySyncRun {
  id: string;
  status: "running" | "succeeded" | "failed";
  /** "schedule" (the periodic task) or the email of the admin who pressed "Sync now". */
  trigger: string;
  startedAt: number;
  finishedAt: number | null;
  /** People read so far (running) or in all (finished). */
  scanned: number;
  /** The org's size at the last sync, for a progress bar; null before the first. */
  expected: number | null;
  webexCalls: number;
  error: string | null;
}

export interface DirectoryStatus {
  /** When the data in the index was read from Webex (the start of the last successful sync); null: never synced. */
  asOf: number | null;
  /** When locations were last read (they need a slower walk: see IndexedPerson.locationId). */
  locationsAsOf: number | null;
  /** Bumped by every successful sync; a cache key for anything computed from the index. */
  generation: number;
  people: number;
  /** How often the periodic sync runs, in minutes (0: only on demand). */
  intervalMinutes: number;
  running: DirectorySyncRun | null;
  lastFinished: DirectorySyncRun | null;
}

export interface StartSyncResponse {
  run: DirectorySyncRun;
  /** False when a sync of the org was already running (that one is returned). */
  started: boolean;
}
