/**
 * Read-only accessors for e2e assertions (DESIGN.md §6), installed in dev and test builds only.
 * They return copies/summaries so tests cannot mutate the stores.
 */
import type { Pick } from '../core/picks/pick.ts';
import { usePersistenceStore } from '../state/persistence/persistence-store.ts';
import type { ImportRecord } from '../core/picks/edits.ts';
import { currentScene3D, type Scene3DStats } from '../render/scene3d/scene3d.ts';
import { picksStore } from '../state/picks-store.ts';
import { useProjectStore } from '../state/project-store.ts';
import { useViewStore } from '../state/view-store.ts';
import { useTrainingStore } from '../state/training-store.ts';
import { usePredictionStore } from '../state/prediction-store.ts';
import { terminateTrainingWorker } from '../../workers/train.client.ts';

export interface TomopickTestHooks {
  tomograms(): { id: string; name: string; nx: number; ny: number; nz: number; voxelSize: number[]; dtype: string; stats: object }[];
  classes(): { id: number; name: string }[];
  picks(): Pick[];
  activeBackend(): string | undefined;
  position(): { x: number; y: number; z: number };
  /** Save status: phase ('saved' once the last change is in IndexedDB), savedAt, tomograms waiting to come back. */
  persistence(): { phase: string; savedAt: number | undefined; pending: { name: string; needs: string; detail: string }[] };
  /** The 3D view's render figures. */
  view3d(): Scene3DStats | undefined;
  /** Draws the 3D view once and returns the fraction of its pixels that are not background. */
  view3dLitFraction(): number | undefined;
  selectedPickId(): string | undefined;
  /** Test-only action: imports picks into the active tomogram as one undoable step; returns how many. */
  importTestPicks(records: Omit<ImportRecord, 'tomogram'>[]): number;
  /** The U-Net training run: phase, step of steps, curve lengths, the model in hand. */
  training(): {
    phase: string;
    startStep: number;
    step: number;
    steps: number;
    backend: string | undefined;
    losses: number;
    validations: number;
    model: string | undefined;
    error: string | undefined;
    checkpointStep: number | undefined;
  };
  /** Test-only action: terminates the training worker as a crash would (its job fails, a fresh worker serves the next). */
  killTrainingWorker(): void;
  /** The last prediction's probability maps of the active tomogram: class ids and grid, or undefined. */
  probabilityMaps(): { classIds: number[]; nx: number; ny: number; nz: number } | undefined;
}

export function installTestHooks(target: Window & { __tomopick?: TomopickTestHooks }): void {
  target.__tomopick = {
    tomograms: () =>
      useProjectStore.getState().tomograms.map((t) => ({
        id: t.id,
        name: t.name,
        nx: t.volume.nx,
        ny: t.volume.ny,
        nz: t.volume.nz,
        voxelSize: [...t.volume.voxelSize],
        dtype: t.volume.dtype,
        stats: { ...t.volume.stats },
      })),
    classes: () => useProjectStore.getState().classes.map((c) => ({ id: c.id, name: c.name })),
    picks: () => [...picksStore.getState().picks.values()].map((p) => ({ ...p })),
    activeBackend: () => useViewStore.getState().backend?.active,
    position: () => ({ ...useViewStore.getState().position }),
    persistence: () => {
      const { phase, savedAt, pending } = usePersistenceStore.getState();
      return { phase, savedAt, pending: pending.map((p) => ({ name: p.name, needs: p.needs, detail: p.detail })) };
    },
    view3d: () => currentScene3D()?.stats(),
    view3dLitFraction: () => currentScene3D()?.litFraction(),
    selectedPickId: () => useViewStore.getState().selectedPickId,
    importTestPicks: (records) => {
      const tomogram = useProjectStore.getState().activeTomogramId;
      if (!tomogram) throw new Error('importTestPicks: no active tomogram');
      return picksStore.getState().importPicks(records.map((r) => ({ ...r, tomogram }))).added;
    },
    training: () => {
      const t = useTrainingStore.getState();
      return {
        phase: t.phase,
        startStep: t.startStep,
        step: t.step,
        steps: t.steps,
        backend: t.backend,
        losses: t.losses.length,
        validations: t.validation.length,
        model: t.model?.name,
        error: t.error,
        checkpointStep: t.checkpoint?.step,
      };
    },
    killTrainingWorker: () => terminateTrainingWorker('The train worker was killed by a test'),
    probabilityMaps: () => {
      const id = useProjectStore.getState().activeTomogramId;
      const m = id === undefined ? undefined : usePredictionStore.getState().byTomogram[id];
      return m && { classIds: [...m.classIds], nx: m.nx, ny: m.ny, nz: m.nz };
    },
  };
}
