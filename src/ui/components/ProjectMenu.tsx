import { useEffect, useState } from 'react';
import { fileSystemAccessAvailable, usePersistenceStore, type PersistenceState } from '../../state/persistence/index.ts';
import {
  discardPending,
  downloadQuarantined,
  exportProjectFile,
  importProjectFile,
  newProject,
  openFilesKeepingAccess,
  regrantAccess,
  reopenPendingFile,
} from '../actions/project-persistence.ts';
import { useJobsStore } from '../../state/jobs-store.ts';

function bytes(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(1)} GB`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)} MB`;
  return `${Math.round(n / 1e3)} kB`;
}

function saveLabel(s: Pick<PersistenceState, 'phase' | 'savedAt' | 'problem'>, now: number): string {
  switch (s.phase) {
    case 'starting':
      return 'Restoring…';
    case 'saving':
      return 'Saving…';
    case 'off':
    case 'error':
      return s.problem ?? 'Not saved';
    case 'saved': {
      if (s.savedAt === undefined) return 'All changes saved';
      const seconds = Math.max(0, Math.round((now - s.savedAt) / 1000));
      return `All changes saved${seconds < 5 ? '' : seconds < 90 ? ` (${seconds} s ago)` : ` (${new Date(s.savedAt).toLocaleTimeString()})`}`;
    }
  }
}

const TOMOGRAM_EXTENSIONS = ['.mrc', '.rec', '.st', '.map', '.ccp4', '.mrcs', '.ali', '.tif', '.tiff'];

const reportError = (err: unknown) => useJobsStore.getState().notify('error', (err as Error).message ?? String(err));

/** Save status, project file export/import, new project, storage use, and tomograms waiting to come back. */
export function ProjectMenu() {
  const state = usePersistenceStore();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 5000);
    return () => clearInterval(timer);
  }, []);

  return (
    <div className="project-menu" data-testid="project-menu">
      <span className={`save-status save-${state.phase}`} data-testid="save-status" title={state.problem}>
        {saveLabel(state, now)}
      </span>
      <details>
        <summary className="button">Project</summary>
        <div className="project-menu-panel">
          {fileSystemAccessAvailable() && (
            <button
              type="button"
              title="Opens files so that the studio can read them again after a reload (one click to re-grant access)"
              onClick={() => void openFilesKeepingAccess(TOMOGRAM_EXTENSIONS, 1).catch(reportError)}
            >
              Open tomogram keeping access…
            </button>
          )}
          <button type="button" data-testid="project-export" onClick={() => exportProjectFile()}>
            Export project file
          </button>
          <label className="button">
            Import project file…
            <input
              type="file"
              accept=".json"
              data-testid="project-import"
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = '';
                if (file) importProjectFile(file).catch(reportError);
              }}
            />
          </label>
          <button
            type="button"
            data-testid="project-new"
            onClick={() => {
              if (window.confirm('Close every tomogram and delete its picks and stored copies? Export the project first to keep them.')) newProject();
            }}
          >
            New project
          </button>
          {state.storage && (
            <p className="storage-use" data-testid="storage-use">
              Browser storage: {bytes(state.storage.usage)} of {bytes(state.storage.quota)}
            </p>
          )}
          {state.quarantineReason && (
            <p className="quarantine">
              Earlier saved data could not be read ({state.quarantineReason}).{' '}
              <button type="button" onClick={() => void downloadQuarantined().catch(reportError)}>
                Download it
              </button>
            </p>
          )}
        </div>
      </details>
      {state.pending.length > 0 && (
        <ul className="pending-tomograms" data-testid="pending-tomograms">
          {state.pending.map((p) => (
            <li key={p.key}>
              <strong>{p.name}</strong>: {p.detail}.{' '}
              {p.needs === 'permission' ? (
                <button type="button" data-testid="regrant-access" onClick={() => void regrantAccess(p.key).catch(reportError)}>
                  Re-grant access
                </button>
              ) : (
                <label className="button">
                  Re-open this file…
                  <input
                    type="file"
                    onChange={(e) => {
                      const file = e.target.files?.[0];
                      e.target.value = '';
                      if (file) reopenPendingFile(p.key, file).catch(reportError);
                    }}
                  />
                </label>
              )}{' '}
              <button type="button" onClick={() => discardPending(p.key)} title="Forget this tomogram and its picks">
                Forget
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
