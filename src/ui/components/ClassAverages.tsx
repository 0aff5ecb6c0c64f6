import { useCallback, useEffect, useRef, useState } from 'react';
import type { ClassAverageSurface } from '../../core/labels/class-averages.ts';
import { Scene3D } from '../../render/scene3d/scene3d.ts';
import { useJobsStore } from '../../state/jobs-store.ts';
import { picksStore, selectPicksOfTomogram } from '../../state/picks-store.ts';
import { useProjectStore, type TomogramEntry } from '../../state/project-store.ts';
import { computeClassAverages } from '../../../workers/mesh.client.ts';
import { isTrainingLabel } from '../actions/train-model.ts';

interface Averages {
  tomogramId: string;
  surfaces: ClassAverageSurface[];
}

/**
 * "Class averages" (issue 6): the average of each class's training picks on the active tomogram
 * (aligned in rotation by default, else by position only), thresholded to the mask the meta modes
 * use as clean validation labels, shown as a surface in a small 3D view of its own (one class at a
 * time). Computed in the mesh worker.
 */
export function ClassAverages({ tomogram }: { tomogram: TomogramEntry }) {
  const classes = useProjectStore((s) => s.classes);
  const [averages, setAverages] = useState<Averages>();
  const [shown, setShown] = useState(0);
  const [scene, setScene] = useState<Scene3D>();
  const [busy, setBusy] = useState(false);
  const [refineRotations, setRefineRotations] = useState(true);
  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  const current = averages?.tomogramId === tomogram.id ? averages : undefined;
  const surface = current?.surfaces[shown];

  const compute = async () => {
    const jobs = useJobsStore.getState();
    const controller = new AbortController();
    const jobId = jobs.startJob(`Class averages on ${tomogram.name}`, () => controller.abort());
    setBusy(true);
    try {
      const picks = selectPicksOfTomogram(picksStore.getState(), tomogram.id)
        .filter(isTrainingLabel)
        .map((p) => ({ x: p.x, y: p.y, z: p.z, classId: p.classId }));
      const present = new Set(picks.map((p) => p.classId));
      const wanted = classes.filter((c) => present.has(c.id)).map((c) => ({ classId: c.id, radiusVoxels: c.radiusAngstrom / tomogram.volume.voxelSize[0] }));
      if (wanted.length === 0) {
        jobs.notify('info', `${tomogram.name} has no training picks to average`);
        return;
      }
      const { nx, ny, nz, dtype, data } = tomogram.volume;
      const surfaces = await computeClassAverages({ nx, ny, nz, dtype, data }, picks, wanted, refineRotations, {
        signal: controller.signal,
        onProgress: (f, stage) => useJobsStore.getState().updateJob(jobId, f, stage),
      });
      setAverages({ tomogramId: tomogram.id, surfaces });
      setShown(0);
    } catch (err) {
      if (!controller.signal.aborted) jobs.notify('error', `Class averages failed: ${(err as Error).message}`);
    } finally {
      setBusy(false);
      useJobsStore.getState().endJob(jobId);
    }
  };

  // The scene lives as long as its canvas, which shows only while there is an average to show.
  const attachCanvas = useCallback((canvas: HTMLCanvasElement) => {
    canvasRef.current = canvas;
    let created: Scene3D;
    try {
      created = new Scene3D(canvas, { testHooks: false });
    } catch (err) {
      useJobsStore.getState().notify('error', `Class-average view unavailable: ${(err as Error).message}`);
      return;
    }
    setScene(created);
    return () => {
      created.dispose();
      setScene(undefined);
    };
  }, []);

  useEffect(() => {
    if (!scene || !surface) return;
    const voxel = tomogram.volume.voxelSize;
    scene.setVolume([surface.box, surface.box, surface.box], [voxel[0], voxel[1], voxel[2]]);
    const color = classes.find((c) => c.id === surface.classId)?.color ?? '#cccccc';
    scene.surfaces.set([{ mesh: surface.mesh, color }]);
    // For e2e: the share of the view the surface covers (drawn now, not on the next frame).
    if (canvasRef.current) canvasRef.current.dataset.lit = scene.litFraction().toFixed(4);
  }, [scene, surface, classes, tomogram]);

  const nameOf = (id: number) => classes.find((c) => c.id === id)?.name ?? `class ${id}`;
  return (
    <fieldset className="class-averages" data-testid="class-averages">
      <legend>Class averages</legend>
      <div className="row">
        <button type="button" onClick={() => void compute()} disabled={busy} data-testid="class-averages-compute" title="Average the training picks of each class on this tomogram: the shapes the meta modes use as validation labels">
          Class averages on {tomogram.name}
        </button>
        <label title="Search each pick's orientation (30° grid) and average the picks turned to a common frame: the particle's own shape instead of a rounded envelope. Slower (seconds per class)">
          <input type="checkbox" checked={refineRotations} onChange={(e) => setRefineRotations(e.target.checked)} disabled={busy} data-testid="class-averages-rotations" /> align rotations
        </label>
        {current && current.surfaces.length > 1 && (
          <select value={shown} onChange={(e) => setShown(Number(e.target.value))} data-testid="class-average-class" aria-label="Class shown">
            {current.surfaces.map((s, i) => (
              <option key={s.classId} value={i}>
                {nameOf(s.classId)}
              </option>
            ))}
          </select>
        )}
      </div>
      {surface && (
        <>
          <p className="muted" data-testid="class-average-summary" data-count={surface.count} data-fill={surface.fillOfSphere.toFixed(3)}>
            {nameOf(surface.classId)}: {surface.count} picks {surface.rotationsRefined ? 'aligned in rotation' : 'aligned by position'}, box {surface.box}³; the mask fills {(100 * surface.fillOfSphere).toFixed(0)}% of the class sphere
          </p>
          <div className="class-average-frame">
            <canvas ref={attachCanvas} data-testid="class-average-view" aria-label={`Surface of the ${nameOf(surface.classId)} average`} />
          </div>
        </>
      )}
    </fieldset>
  );
}
