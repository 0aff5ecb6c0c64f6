import { useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { crossSections, hitTest, sliceToVolume } from '../../core/picks/cross-section.ts';
import type { ClassDef, Pick } from '../../core/picks/pick.ts';
import { sliceShape } from '../../core/volume/slice.ts';
import type { Volume } from '../../core/volume/volume.ts';
import { fixMarks } from '../../core/picks/fix-marks.ts';
import { drawFixMarks } from '../../render/fix-marks.ts';
import { drawCrosshair, drawPickGlyphs } from '../../render/pick-glyphs.ts';
import { useCorrectionStore } from '../../state/correction-store.ts';
import { drawScaleBar } from '../../render/scale-bar.ts';
import { createSliceImageLayer, type SliceImageLayer } from '../../render/slice-gl.ts';
import type { OverlayKey } from '../../render/probability-overlay.ts';
import { usePredictionStore } from '../../state/prediction-store.ts';
import { fitTransform, panBy, toData, zoomAt, type ViewTransform } from '../../render/view-transform.ts';
import { picksStore, selectPicksOfTomogram } from '../../state/picks-store.ts';
import { hiddenClassIdsOf, useProjectStore } from '../../state/project-store.ts';
import { useViewStore, type SliceAxis } from '../../state/view-store.ts';
import { useJobsStore } from '../../state/jobs-store.ts';
import { focusPick } from '../focus-pick.ts';
import { useMaskLayer } from '../use-mask-layer.ts';

/** Which position coordinate each view steps through, and which two it shows. */
const DEPTH_KEY = { xy: 'z', xz: 'y', yz: 'x' } as const;
const PLANE_KEYS = { xy: ['x', 'y'], xz: ['x', 'z'], yz: ['y', 'z'] } as const;

function depthCount(volume: Volume, axis: SliceAxis): number {
  return axis === 'xy' ? volume.nz : axis === 'xz' ? volume.ny : volume.nx;
}

type Gesture =
  | { kind: 'add'; startX: number; startY: number }
  | { kind: 'move'; pickId: string; moved: boolean }
  | { kind: 'pan'; lastX: number; lastY: number }
  | { kind: 'paint' };

const CLICK_SLOP = 4;


interface Props {
  volume: Volume;
  tomogramId: string;
  axis: SliceAxis;
}

export function SliceView({ volume, tomogramId, axis }: Props) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const imageCanvasRef = useRef<HTMLCanvasElement>(null);
  const [imageLayer, setImageLayer] = useState<SliceImageLayer | undefined>(undefined);
  // Bumped when a lost WebGL context comes back, to redraw into the new one.
  const [restoredCount, setRestoredCount] = useState(0);
  const gesture = useRef<Gesture | undefined>(undefined);
  const [canvasSize, setCanvasSize] = useState<[number, number]>([0, 0]);
  // Zoom/pan chosen by the user, valid for the canvas and slice size it was made for.
  const [userView, setUserView] = useState<{ key: string; transform: ViewTransform } | undefined>(undefined);

  const depthKey = DEPTH_KEY[axis];
  const [uKey, vKey] = PLANE_KEYS[axis];
  const position = useViewStore((s) => s.position);
  const index = position[depthKey];
  const thickness = useViewStore((s) => s.slabThickness);
  const contrast = useViewStore((s) => s.contrast);
  const selectedId = useViewStore((s) => s.selectedPickId);
  const setPosition = useViewStore((s) => s.setPosition);
  const classes = useProjectStore((s) => s.classes);
  const allPicks = useStore(picksStore, (s) => selectPicksOfTomogram(s, tomogramId));
  const hiddenClassIds = useProjectStore((s) => hiddenClassIdsOf(s.classes));
  const picks = useMemo(() => (hiddenClassIds.length ? allPicks.filter((p) => !hiddenClassIds.includes(p.classId)) : allPicks), [allPicks, hiddenClassIds]);
  const count = depthCount(volume, axis);
  const probabilityMaps = usePredictionStore((s) => s.byTomogram[tomogramId]);
  const overlaySettings = usePredictionStore((s) => s.overlay);
  const dpr = window.devicePixelRatio || 1;
  // The exclusion mask (issue 4): its overlay, and the brush while painting is on.
  const mask = useMaskLayer(tomogramId, volume, axis, Math.min(index, count - 1), thickness);

  const slice = sliceShape(volume, axis);
  const viewKey = `${canvasSize[0]}x${canvasSize[1]}/${slice.width}x${slice.height}`;
  const transform: ViewTransform | undefined =
    userView?.key === viewKey ? userView.transform : canvasSize[0] > 0 ? fitTransform(slice.width, slice.height, canvasSize[0], canvasSize[1]) : undefined;
  const setTransform = (t: ViewTransform) => setUserView({ key: viewKey, transform: t });

  const radiusOf = useMemo(() => {
    const byId = new Map<number, ClassDef>(classes.map((c) => [c.id, c]));
    return (pick: Pick) => (byId.get(pick.classId)?.radiusAngstrom ?? 100) / volume.voxelSize[0];
  }, [classes, volume]);
  const sections = useMemo(() => crossSections(picks, axis, index, radiusOf), [picks, axis, index, radiusOf]);
  // The correction review's pending fixes (issue 6), drawn in the same pass as the picks.
  const fixList = useStore(picksStore, (s) => s.review.get(tomogramId));
  const pickMap = useStore(picksStore, (s) => s.picks);
  const { showFixes, selectedId: selectedFixId, threshold: fixThreshold } = useCorrectionStore();
  const marks = useMemo(() => {
    if (!fixList || !showFixes) return [];
    const byId = new Map(classes.map((c) => [c.id, c.radiusAngstrom]));
    return fixMarks(fixList, pickMap, axis, index, (classId) => (byId.get(classId) ?? 100) / volume.voxelSize[0]);
  }, [fixList, showFixes, pickMap, axis, index, classes, volume]);

  // Canvas follows its frame's size in device pixels.
  useEffect(() => {
    const canvas = canvasRef.current;
    const frame = canvas?.parentElement;
    if (!canvas || !frame) return;
    const observer = new ResizeObserver(() => {
      const w = Math.max(1, Math.round(frame.clientWidth * dpr));
      const h = Math.max(1, Math.round(frame.clientHeight * dpr));
      setCanvasSize([w, h]);
    });
    observer.observe(frame);
    return () => observer.disconnect();
  }, [dpr]);

  // The slice image lives on its own canvas under the overlays: WebGL2 where available, else the CPU painter.
  useEffect(() => {
    const canvas = imageCanvasRef.current;
    if (!canvas) return;
    const layer = createSliceImageLayer(canvas, () => setRestoredCount((n) => n + 1));
    setImageLayer(layer);
    return () => layer.dispose();
  }, []);

  useEffect(() => {
    const canvas = canvasRef.current;
    const context = canvas?.getContext('2d');
    if (!canvas || !context || !transform || !contrast || !imageLayer) return;
    const frame = requestAnimationFrame(() => {
      const sliceIndex = Math.min(index, count - 1);
      // The last prediction's class probabilities over the slice (max over the same slab as the image).
      const overlay: OverlayKey | undefined =
        probabilityMaps && overlaySettings.visible && probabilityMaps.nx === volume.nx && probabilityMaps.ny === volume.ny && probabilityMaps.nz === volume.nz
          ? {
              maps: probabilityMaps,
              axis,
              index: sliceIndex,
              thickness,
              colors: probabilityMaps.classIds.map((id) => classes.find((c) => c.id === id)?.color ?? ''),
              threshold: overlaySettings.threshold,
              opacity: overlaySettings.opacity,
            }
          : undefined;
      const imageDrawn = imageLayer.draw({ volume, axis, index: sliceIndex, thickness }, contrast, transform, canvasSize[0], canvasSize[1], overlay);
      if (canvas.width !== canvasSize[0] || canvas.height !== canvasSize[1]) {
        canvas.width = canvasSize[0];
        canvas.height = canvasSize[1];
      } else {
        context.clearRect(0, 0, canvas.width, canvas.height);
      }
      mask.draw(context, transform, dpr);
      canvas.dataset.maskOverlay = `${mask.overlay?.paintedPixels ?? 0}/${mask.overlay?.autoPixels ?? 0}`; // for e2e: excluded pixels drawn (painted/auto)
      drawCrosshair(context, transform, position[uKey], position[vKey], canvas.width, canvas.height);
      const colors = new Map(classes.map((c) => [c.id, c.color]));
      drawPickGlyphs(context, sections, transform, { colorOf: (id) => colors.get(id) ?? '#cccccc', selectedId, devicePixelRatio: dpr });
      const fixesDrawn = drawFixMarks(context, marks, transform, { colorOf: (id) => colors.get(id) ?? '#cccccc', selectedId: selectedFixId, threshold: fixThreshold, devicePixelRatio: dpr });
      canvas.dataset.fixMarks = String(fixesDrawn); // for e2e: how many fix marks this view drew
      mask.drawBrush(context, transform, dpr);
      drawScaleBar(context, (transform.scale * 10) / volume.voxelSize[0], canvas.width, canvas.height, dpr);
      // Lets the e2e harness time slice changes end to end (input → extraction → pixels); both layers must be drawn.
      if (imageDrawn) {
        canvas.dataset.drawnIndex = String(index);
        canvas.dataset.overlay = overlay ? 'shown' : 'none';
      }
    });
    return () => cancelAnimationFrame(frame);
  }, [imageLayer, restoredCount, transform, contrast, axis, index, count, thickness, sections, marks, selectedFixId, fixThreshold, selectedId, classes, position, uKey, vKey, canvasSize, dpr, volume, probabilityMaps, overlaySettings, mask]);

  const eventToData = (e: { clientX: number; clientY: number }): [number, number] => {
    const canvas = canvasRef.current!;
    const rect = canvas.getBoundingClientRect();
    return toData(transform!, (e.clientX - rect.left) * dpr, (e.clientY - rect.top) * dpr);
  };

  const clampToVolume = (p: { x: number; y: number; z: number }) => ({
    x: Math.min(volume.nx - 1, Math.max(0, p.x)),
    y: Math.min(volume.ny - 1, Math.max(0, p.y)),
    z: Math.min(volume.nz - 1, Math.max(0, p.z)),
  });

  const step = (delta: number) => setPosition({ [depthKey]: Math.max(0, Math.min(count - 1, index + delta)) });

  const report = (err: unknown) => useJobsStore.getState().notify('error', (err as Error).message);

  const onPointerDown = (e: React.PointerEvent<HTMLCanvasElement>) => {
    if (!transform) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    if (e.button === 1 || (e.button === 0 && e.shiftKey)) {
      gesture.current = { kind: 'pan', lastX: e.clientX, lastY: e.clientY };
      return;
    }
    if (e.button !== 0) return;
    const [u, v] = eventToData(e);
    if (mask.painting) {
      mask.begin(u, v);
      gesture.current = { kind: 'paint' };
      return;
    }
    const hit = hitTest(sections, u, v, 2 / transform.scale);
    if (hit) {
      focusPick(hit);
      gesture.current = { kind: 'move', pickId: hit.id, moved: false };
    } else {
      gesture.current = { kind: 'add', startX: e.clientX, startY: e.clientY };
    }
  };

  const onPointerMove = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const g = gesture.current;
    if (mask.painting && transform && g?.kind !== 'pan') mask.extend(...eventToData(e));
    if (!g || !transform) return;
    if (g.kind === 'pan') {
      setTransform(panBy(transform, (e.clientX - g.lastX) * dpr, (e.clientY - g.lastY) * dpr));
      gesture.current = { ...g, lastX: e.clientX, lastY: e.clientY };
    } else if (g.kind === 'move') {
      const [u, v] = eventToData(e);
      try {
        picksStore.getState().movePick(g.pickId, clampToVolume(sliceToVolume(axis, u, v, index)), { continueGesture: g.moved });
        g.moved = true;
      } catch (err) {
        report(err);
        gesture.current = undefined;
      }
    }
  };

  const onPointerUp = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const g = gesture.current;
    gesture.current = undefined;
    if (g?.kind === 'paint') mask.end();
    if (g?.kind !== 'add' || !transform) return;
    if (Math.hypot(e.clientX - g.startX, e.clientY - g.startY) > CLICK_SLOP) return;
    const [u, v] = eventToData(e);
    const p = sliceToVolume(axis, u, v, index);
    if (p.x < -0.5 || p.y < -0.5 || p.z < -0.5 || p.x > volume.nx - 0.5 || p.y > volume.ny - 0.5 || p.z > volume.nz - 0.5) {
      useViewStore.getState().selectPick(undefined);
      return;
    }
    try {
      const classId = useViewStore.getState().activeClassId;
      const id = picksStore.getState().addPick({ tomogram: tomogramId, classId, ...clampToVolume(p) });
      const added = picksStore.getState().picks.get(id);
      if (added) focusPick(added);
    } catch (err) {
      report(err);
    }
  };

  const onWheel = (e: React.WheelEvent<HTMLCanvasElement>) => {
    if (!transform) return;
    if (e.ctrlKey || e.metaKey) {
      const rect = e.currentTarget.getBoundingClientRect();
      setTransform(zoomAt(transform, e.deltaY < 0 ? 1.2 : 1 / 1.2, (e.clientX - rect.left) * dpr, (e.clientY - rect.top) * dpr));
    } else {
      step(e.deltaY > 0 ? 1 : -1);
    }
  };

  return (
    <figure className={`slice-view slice-view-${axis}`} data-hover-axis={axis}>
      <div className="slice-canvas-frame">
        <canvas ref={imageCanvasRef} className="slice-image" data-testid={`view-${axis}-image`} data-renderer={imageLayer?.renderer} aria-hidden="true" />
        <canvas
          ref={canvasRef}
          data-testid={`view-${axis}`}
          data-renderer={imageLayer?.renderer}
          data-slice-index={index}
          data-slice-width={slice.width}
          data-slice-height={slice.height}
          data-zoom={transform?.scale.toFixed(4)}
          aria-label={`${axis.toUpperCase()} slice ${index}`}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={() => {
            gesture.current = undefined;
            mask.cancel();
          }}
          onPointerLeave={() => mask.hover(undefined)}
          data-painting={mask.painting ? 'on' : undefined}
          style={mask.painting ? { cursor: 'none' } : undefined}
          onWheel={onWheel}
          onDoubleClick={() => setUserView(undefined)}
          onContextMenu={(e) => e.preventDefault()}
        />
      </div>
      <figcaption>
        <span className="axis-label">{axis.toUpperCase()}</span>
        <input
          type="range"
          min={0}
          max={count - 1}
          value={Math.min(index, count - 1)}
          onChange={(e) => setPosition({ [depthKey]: Number(e.target.value) })}
          aria-label={`${axis.toUpperCase()} slice`}
          data-testid={`slider-${axis}`}
        />
        <span className="slice-index">
          {depthKey} = {index + 1} / {count}
        </span>
      </figcaption>
    </figure>
  );
}
