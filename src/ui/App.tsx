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
import { Workspace } from './components/Workspace.tsx';
import { useStudioShortcuts } from './use-shortcuts.ts';

let started = false;

/** First start: generate the demo tomogram and find the compute backend, both off the main thread. */
function startUp(): void {
  if (started) return;
  started = true;
  void loadTomogram('Generating the demo tomogram', (options) => generateDemoTomogram(options));
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
        if (e.dataTransfer.files.length) openFiles(e.dataTransfer.files, 1);
      }}
    >
      <header className="toolbar">
        <h1>Tomopick Studio</h1>
        <OpenFile />
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
