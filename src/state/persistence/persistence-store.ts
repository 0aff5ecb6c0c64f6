/** What the UI shows about saving: "All changes saved", tomograms waiting to be re-opened, storage use. */
import { create } from 'zustand';
import type { StorageUse } from './tomogram-files.ts';

export type SavePhase = 'starting' | 'saving' | 'saved' | 'error' | 'off';

/** A tomogram of the saved project that did not come back by itself. */
export interface PendingTomogram {
  key: string;
  name: string;
  /** 'permission': one click re-grants a File System Access handle; 'reopen': the user picks the file again. */
  needs: 'permission' | 'reopen';
  detail: string;
}

export interface PersistenceState {
  phase: SavePhase;
  /** Epoch ms of the last completed save. */
  savedAt: number | undefined;
  /** Why saving failed or is off. */
  problem: string | undefined;
  pending: PendingTomogram[];
  /** Set when saved data could not be read and was moved aside (downloadable from the menu). */
  quarantineReason: string | undefined;
  storage: StorageUse | undefined;
}

export const usePersistenceStore = create<PersistenceState>()(() => ({
  phase: 'starting',
  savedAt: undefined,
  problem: undefined,
  pending: [],
  quarantineReason: undefined,
  storage: undefined,
}));
