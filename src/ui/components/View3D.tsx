import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { chooseBinFactor, type FieldSource } from '../../core/mesh/volume-isosurface.ts';
import { Scene3D } from '../../render/scene3d/scene3d.ts';
import type { SlicePlaneMode } from '../../render/scene3d/slice-planes.ts';
import { placedPendingFixes } from '../../core/picks/fix-marks.ts';
import { useCorrectionStore } from '../../state/correction-store.ts';
import { picksStore, selectPicksOfTomogram } from '../../state/picks-store.ts';
import type { Volume } from '../../core/volume/volume.ts';
import { hiddenClassIdsOf, useProjectStore, type TomogramEntry } from '../../state/project-store.ts';
import { useJobsStore } from '../../state/jobs-store.ts';
import { useViewStore } from '../../state/view-store.ts';
import { computeSurfaces, SURFACE_MAX_VOXELS, type SurfaceBin, type SurfaceRequest } from '../actions/compute-surfaces.ts';
import { usePredictionSurfaces } from '../use-prediction-surfaces.ts';

/** A map on the tomogram's grid that can be surfaced instead of the tomogram itself. */
export interface SurfaceMap {
  name: string;
  /** 'labels': class id per voxel (0 = background); 'probability': values in [0, 1]. */
  kind: 'labels' | 'probability';
  field: FieldSource;
}

interface Props {
  tomogram: TomogramEntry;
  /** What the slice views show (e.g. their low-passed copy): the textured planes show the same. Default: the tomogram. */
  displayVolume?: Volume;
  maps?: readonly SurfaceMap[];
}

/** Waits this long after the last slider change before meshing (a drag sends dozens of changes). */
const SURFACE_DEBOUNCE_MS = 200;
const CLICK_SLOP = 4;

/**
 * The 3D view: an isosurface of the low-passed tomogram (or of a label/probability map), the
 * picks as spheres, the current slice planes, orbit controls (drag to turn, right-drag to pan,
 * wheel to zoom); clicking a sphere selects that pick and moves the slices to it.
 */
export function View3D({ tomogram, displayVolume, maps = [] }: Props) {
  const { volume } = tomogram;
  const planesVolume = displayVolume ?? volume;
  const [scene, setScene] = useState<Scene3D>();
  const [failure, setFailure] = useState<string>();
  const [surfaceOf, setSurfaceOf] = useState(-1); // -1: the tomogram, else an index into maps
  const [showSurface, setShowSurface] = useState(true);
  const [sdLevel, setSdLevel] = useState(2.5);
  const [dark, setDark] = useState(true);
  const [lowPassSigma, setLowPassSigma] = useState(1.5);
  const [probabilityLevel, setProbabilityLevel] = useState(0.5);
  const [bin, setBin] = useState<SurfaceBin>('auto');
  const [planeMode, setPlaneMode] = useState<SlicePlaneMode>('outline');
  const [spin, setSpin] = useState(false);
  const pointerDown = useRef<{ x: number; y: number } | undefined>(undefined);

  const classes = useProjectStore((s) => s.classes);
  const picks = useStore(picksStore, (s) => selectPicksOfTomogram(s, tomogram.id));
  const hiddenClassIds = useProjectStore((s) => hiddenClassIdsOf(s.classes));
  const shownPicks = useMemo(() => (hiddenClassIds.length ? picks.filter((p) => !hiddenClassIds.includes(p.classId)) : picks), [picks, hiddenClassIds]);
  const fixList = useStore(picksStore, (s) => s.review.get(tomogram.id));
  const pickMap = useStore(picksStore, (s) => s.picks);
  const { showFixes, selectedId: focusedFixId, threshold: fixThreshold } = useCorrectionStore();
  const pendingFixes = useMemo(() => (fixList && showFixes ? placedPendingFixes(fixList, pickMap) : []), [fixList, showFixes, pickMap]);
  const selectedId = useViewStore((s) => s.selectedPickId);
  const position = useViewStore((s) => s.position);
  const contrast = useViewStore((s) => s.contrast);
  const thickness = useViewStore((s) => s.slabThickness);
  const map = surfaceOf >= 0 ? maps[surfaceOf] : undefined;

  // The scene lives exactly as long as its canvas (a ref callback with cleanup, React 19).
  const attachCanvas = useCallback((canvas: HTMLCanvasElement) => {
    let created: Scene3D;
    try {
      created = new Scene3D(canvas);
    } catch (err) {
      setFailure(`3D view unavailable: ${(err as Error).message}`);
      return;
    }
    setScene(created);
    return () => {
      created.dispose();
      setScene(undefined);
    };
  }, []);

  useEffect(() => scene?.setVolume([volume.nx, volume.ny, volume.nz], volume.voxelSize), [scene, volume]);
  usePredictionSurfaces(scene, tomogram.id);

  useEffect(() => {
    if (!scene) return;
    scene.picks.update(shownPicks, classes, volume.voxelSize);
    scene.requestRender();
  }, [scene, shownPicks, classes, volume]);

  // The correction review's pending fixes, as in the slice views (issue 6).
  useEffect(() => {
    if (!scene) return;
    scene.fixes.update(pendingFixes, classes, volume.voxelSize, fixThreshold);
    scene.fixes.setFocused(focusedFixId);
    scene.requestRender();
  }, [scene, pendingFixes, classes, volume, fixThreshold, focusedFixId]);

  useEffect(() => {
    if (!scene) return;
    scene.picks.setSelected(selectedId);
    scene.requestRender();
  }, [scene, selectedId, shownPicks]);

  useEffect(() => {
    if (!scene) return;
    scene.planes.update(planesVolume, { position, contrast, thickness }, planeMode);
    scene.requestRender();
  }, [scene, planesVolume, position, contrast, thickness, planeMode]);

  useEffect(() => scene?.setSpin(spin), [scene, spin]);

  useEffect(() => {
    if (!scene) return;
    if (!showSurface) {
      scene.surfaces.clear();
      scene.requestRender();
      return;
    }
    const request: SurfaceRequest = !map
      ? { kind: 'tomogram', volume, sdLevel, dark, lowPassSigma, bin }
      : map.kind === 'labels'
        ? { kind: 'labels', field: map.field, classes }
        : { kind: 'probability', field: map.field, level: probabilityLevel, bin };
    const controller = new AbortController();
    const timer = setTimeout(() => {
      computeSurfaces(request, controller.signal).then(
        (parts) => {
          scene.surfaces.set(parts);
          scene.requestRender();
        },
        (err: Error) => {
          if (err.name !== 'AbortError') useJobsStore.getState().notify('error', `3D surface failed: ${err.message}`);
        },
      );
    }, SURFACE_DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [scene, showSurface, map, volume, sdLevel, dark, lowPassSigma, probabilityLevel, bin, classes]);

  const onPointerUp = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const down = pointerDown.current;
    pointerDown.current = undefined;
    if (!scene || !down || e.button !== 0 || Math.hypot(e.clientX - down.x, e.clientY - down.y) > CLICK_SLOP) return;
    const id = scene.pickAt(e.clientX, e.clientY);
    const pick = id === undefined ? undefined : picksStore.getState().picks.get(id);
    const view = useViewStore.getState();
    if (pick) {
      view.selectPick(pick.id);
      view.setPosition({ x: Math.round(pick.x), y: Math.round(pick.y), z: Math.round(pick.z) });
      return;
    }
    // A pending add has no pick sphere under it: its marker selects the fix in the review.
    const fixId = scene.fixAt(e.clientX, e.clientY);
    const fix = pendingFixes.find((f) => f.id === fixId);
    if (!fix) return;
    useCorrectionStore.getState().select(fix.id);
    view.setPosition({ x: Math.round(fix.x), y: Math.round(fix.y), z: Math.round(fix.z) });
  };

  const autoBin = chooseBinFactor(map ? map.field.dims : [volume.nx, volume.ny, volume.nz], SURFACE_MAX_VOXELS);

  return (
    <figure className="view-3d">
      <div className="view-3d-frame">
        <canvas
          ref={attachCanvas}
          data-testid="view-3d"
          aria-label="3D view"
          onPointerDown={(e) => (pointerDown.current = { x: e.clientX, y: e.clientY })}
          onPointerUp={onPointerUp}
          onContextMenu={(e) => e.preventDefault()}
        />
        {failure && <p className="view-3d-failure">{failure}</p>}
      </div>
      <figcaption className="view-3d-controls">
        <span className="axis-label">3D</span>
        <label>
          <input type="checkbox" checked={showSurface} onChange={(e) => setShowSurface(e.target.checked)} data-testid="view-3d-show-surface" />
          surface
        </label>
        {maps.length > 0 && (
          <label>
            of
            <select value={surfaceOf} onChange={(e) => setSurfaceOf(Number(e.target.value))} data-testid="view-3d-source">
              <option value={-1}>tomogram</option>
              {maps.map((m, i) => (
                <option key={m.name} value={i}>
                  {m.name}
                </option>
              ))}
            </select>
          </label>
        )}
        {!map && (
          <>
            <label title="Threshold in standard deviations of the low-passed tomogram from its mean">
              level {dark ? '−' : '+'}
              {sdLevel.toFixed(1)}σ
              <input type="range" min={0.5} max={6} step={0.1} value={sdLevel} onChange={(e) => setSdLevel(Number(e.target.value))} data-testid="view-3d-level" />
            </label>
            <label title="Dense matter is dark in a tomogram straight from reconstruction">
              <input type="checkbox" checked={dark} onChange={(e) => setDark(e.target.checked)} />
              dark
            </label>
            <label title={`Gaussian low-pass σ in voxels (${(lowPassSigma * volume.voxelSize[0]).toFixed(0)} Å)`}>
              low-pass σ
              <input type="number" min={0} max={10} step={0.5} value={lowPassSigma} onChange={(e) => setLowPassSigma(Math.max(0, Number(e.target.value) || 0))} data-testid="view-3d-lowpass" />
            </label>
          </>
        )}
        {map?.kind === 'probability' && (
          <label>
            level {probabilityLevel.toFixed(2)}
            <input type="range" min={0.05} max={0.95} step={0.05} value={probabilityLevel} onChange={(e) => setProbabilityLevel(Number(e.target.value))} />
          </label>
        )}
        {map?.kind !== 'labels' && (
          <label title="Block-average before meshing; auto keeps the grid under 128³ voxels">
            bin
            <select value={String(bin)} onChange={(e) => setBin(e.target.value === 'auto' ? 'auto' : (Number(e.target.value) as 1 | 2 | 4))} data-testid="view-3d-bin">
              <option value="auto">auto ({autoBin})</option>
              <option value="1">1</option>
              <option value="2">2</option>
              <option value="4">4</option>
            </select>
          </label>
        )}
        <label>
          slices
          <select value={planeMode} onChange={(e) => setPlaneMode(e.target.value as SlicePlaneMode)} data-testid="view-3d-planes">
            <option value="outline">outline</option>
            <option value="textured">textured</option>
            <option value="hidden">hidden</option>
          </select>
        </label>
        <button type="button" aria-pressed={spin} onClick={() => setSpin(!spin)} data-testid="view-3d-spin">
          {spin ? 'stop' : 'spin'}
        </button>
        <button type="button" onClick={() => scene?.resetView()}>
          reset
        </button>
      </figcaption>
    </figure>
  );
}
