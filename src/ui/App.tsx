import { useEffect } from 'react';
import { generateDemoTomogram } from '../../workers/io.client.ts';
import { probeBackend } from '../../workers/infer.client.ts';
import { useProjectStore, activeTomogram } from '../state/project-store.ts';
import { useViewStore } from '../state/view-store.ts';
import { loadTomogram } from './actions/load-tomogram.ts';
import { BackendBadge } from './components/BackendBadge.tsx';
import { JobProgress } from './components/JobProgress.tsx';
import { Messages } from './components/Messages.tsx';
import { OpenFile, openFiles } from './components/OpenFile.tsx';
import { UndoRedo } from './components/UndoRedo.tsx';
import { ImportCoordinates } from './components/ImportCoordinates.tsx';
import { BinOfferDialog } from './components/BinOfferDialog.tsx';
import { ExportDialog } from './components/ExportDialog.tsx';
import { importCoordinateFiles, isCoordinatesFileName } from './actions/import-coordinates.ts';
import { Workspace } from './components/Workspace.tsx';
import { useStudioShortcuts } from './use-shortcuts.ts';
import { startPersistence } from './actions/project-persistence.ts';
import { ProjectMenu } from './components/ProjectMenu.tsx';

let started = false;

/** Start-up: restore the autosaved project (or generate the demo) and find the compute backend. */
function startUp(): void {
  if (started) return;
  started = true;
  // Restore the saved project first; the demo appears only when there was nothing to restore.
  void startPersistence().then((restore) => {
    if (restore.outcome !== 'restored') void loadTomogram('Generating the demo tomogram', (options) => generateDemoTomogram(options));
  });
  probeBackend().then(
    (choice) => useViewStore.getState().setBackend(choice),
    (err: Error) => useViewStore.getState().setBackend(undefined, err.message),
  );
}

export function App() {
  const tomogram = useProjectStore(activeTomogram);
  const tomograms = useProjectStore((s) => s.tomograms);
  const setActive = useProjectStore((s) => s.setActiveTomogram);

  useEffect(startUp, []);
  useStudioShortcuts(tomogram?.id, tomogram?.volume.nz);

  return (
    <div
      className="app"
      onDragOver={(e) => e.preventDefault()}
      onDrop={(e) => {
        e.preventDefault();
        // Coordinates dropped onto a tomogram import as picks; everything else opens as a tomogram.
        const files = Array.from(e.dataTransfer.files);
        const coordinates = files.filter((f) => isCoordinatesFileName(f.name));
        const volumes = files.filter((f) => !isCoordinatesFileName(f.name));
        if (coordinates.length) void importCoordinateFiles(coordinates);
        if (volumes.length) openFiles(volumes, 1);
      }}
    >
      <header className="toolbar">
        <h1>Tomopick Studio</h1>
        <OpenFile />
        <BinOfferDialog />
        <ImportCoordinates />
        <ExportDialog />
        <UndoRedo />
        {tomograms.length > 1 && (
          <select value={tomogram?.id} onChange={(e) => setActive(e.target.value)} aria-label="Active tomogram" data-testid="tomogram-select">
            {tomograms.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        )}
        <ProjectMenu />
        <BackendBadge />
      </header>
      <JobProgress />
      <Messages />
      {tomogram ? (
        <Workspace tomogram={tomogram} />
      ) : (
        <p className="empty">Drop a tomogram (MRC, CCP4, TIFF) here or use “Open tomogram…”. Nothing leaves this computer.</p>
      )}
    </div>
  );
}
