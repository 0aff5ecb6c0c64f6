/** Autosave to IndexedDB, tomogram copies in OPFS, File System Access handles: see README.md. */
export { Autosaver, type AutosaveOptions, type PendingEntry } from './autosave.ts';
export { appProjectSource, applyToStores, type RestoredParts } from './app-source.ts';
export { fileSystemAccessAvailable, pickFileHandles, readPermission, requestReadPermission } from './file-handles.ts';
export { usePersistenceStore, type PendingTomogram, type PersistenceState, type SavePhase } from './persistence-store.ts';
export { NewerDatabaseError, ProjectDb, type QuarantinedProject, type TomogramStorage } from './project-db.ts';
export type { ProjectSource, ProjectState, SessionTomogram, TomogramOrigin } from './project-source.ts';
export { readSavedProject, type ReadOutcome, type SavedProject } from './read-saved.ts';
export { opfsAvailable, opfsTomogramFiles, StorageQuotaError, storageUse, type StorageUse, type TomogramFileStore } from './tomogram-files.ts';
