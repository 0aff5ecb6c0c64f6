/** Names shared by the GPU layer (which chooses) and the UI (which shows the choice). */
/** Backends in order of preference (DESIGN.md §5); the first that initialises and computes wins. */
export const BACKEND_ORDER = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKEND_ORDER)[number];

export interface BackendAttempt {
  name: BackendName;
  ok: boolean;
  /** Why it was skipped or failed, in words for the UI. */
  reason?: string;
}

export interface BackendChoice {
  active: BackendName;
  attempts: BackendAttempt[];
}
