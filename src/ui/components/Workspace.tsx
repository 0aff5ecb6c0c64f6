import { lazy, Suspense } from 'react';
import type { TomogramEntry } from '../../state/project-store.ts';
import { useViewStore, type SliceAxis } from '../../state/view-store.ts';
import { useDisplayVolume } from '../use-display-volume.ts';
import { ClassManager } from './ClassManager.tsx';
import { DisplayControls } from './DisplayControls.tsx';
import { PickTable } from './PickTable.tsx';
import { ProposalsPanel } from './ProposalsPanel.tsx';
import { SelectedPick } from './SelectedPick.tsx';
import { SliceView } from './SliceView.tsx';
import { TomogramInfo } from './TomogramInfo.tsx';
import { TrainingPanel } from './TrainingPanel.tsx';

// three.js is big: the 3D view loads in its own chunk, after the slice views are up.
const View3D = lazy(() => import('./View3D.tsx').then((m) => ({ default: m.View3D })));

const AXES: readonly SliceAxis[] = ['xy', 'xz', 'yz'];

/** The views of the active tomogram (one large, two small; any can be the large one) and its panels. */
export function Workspace({ tomogram }: { tomogram: TomogramEntry }) {
  const volume = useDisplayVolume(tomogram);
  const mainAxis = useViewStore((s) => s.mainAxis);
  const setMainAxis = useViewStore((s) => s.setMainAxis);
  const order = [mainAxis, ...AXES.filter((a) => a !== mainAxis)];
  return (
    <main className="workspace">
      <section className="views">
        {order.map((axis, i) => (
          <div key={axis} className={i === 0 ? 'view-slot main-view' : 'view-slot'}>
            <SliceView key={`${tomogram.id}-${axis}`} volume={volume} tomogramId={tomogram.id} axis={axis} />
            {i > 0 && (
              <button type="button" className="make-main" onClick={() => setMainAxis(axis)} title="Make this the large view" aria-label={`Enlarge ${axis.toUpperCase()}`}>
                ⤢
              </button>
            )}
          </div>
        ))}
        <div className="view-slot">
          <Suspense fallback={<p className="muted">Loading the 3D view…</p>}>
            <View3D key={`${tomogram.id}-3d`} tomogram={tomogram} displayVolume={volume} />
          </Suspense>
        </div>
      </section>
      <aside className="side-panel">
        <TomogramInfo tomogram={tomogram} />
        <ClassManager tomogramId={tomogram.id} />
        <SelectedPick volume={tomogram.volume} />
        <PickTable tomogramId={tomogram.id} />
        <ProposalsPanel key={tomogram.id} tomogram={tomogram} />
        <TrainingPanel tomogram={tomogram} />
        <DisplayControls volume={volume} />
      </aside>
    </main>
  );
}
