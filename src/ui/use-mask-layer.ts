/**
 * The exclusion mask in one slice view: its overlay (painted strokes and the last proposals run's
 * mask, composed for the section shown) and the brush gesture while painting is on. A drag is one
 * stroke on the view's plane and slab, committed to the picks store on release (one undo entry).
 */
import { useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { paintedMaskSection } from '../core/mask/rasterise.ts';
import { maskSection } from '../core/mask/section.ts';
import type { MaskShape } from '../core/mask/stroke.ts';
import type { SliceAxis } from '../core/volume/slice.ts';
import type { Volume } from '../core/volume/volume.ts';
import { composeMaskOverlay, type MaskOverlay } from '../render/mask-overlay.ts';
import { drawBrushCursor, drawLiveStroke, MaskOverlayPainter } from '../render/mask-painter.ts';
import type { ViewTransform } from '../render/view-transform.ts';
import { useJobsStore } from '../state/jobs-store.ts';
import { brushRadiusVoxels, useMaskPaintStore } from '../state/mask-paint-store.ts';
import { picksStore } from '../state/picks-store.ts';

/** Brush samples closer than this fraction of the radius add nothing to the stroke. */
const SAMPLE_SPACING = 0.25;

const round2 = (x: number) => Math.round(x * 100) / 100;

export interface MaskLayer {
  /** Painting is on: drags paint, the system cursor is hidden. */
  painting: boolean;
  overlay: MaskOverlay | undefined;
  draw(context: CanvasRenderingContext2D, t: ViewTransform, devicePixelRatio: number): void;
  drawBrush(context: CanvasRenderingContext2D, t: ViewTransform, devicePixelRatio: number): void;
  begin(u: number, v: number): void;
  extend(u: number, v: number): void;
  /** Commits the stroke being painted, if any. */
  end(): void;
  cancel(): void;
  hover(at: [number, number] | undefined): void;
}

/** Memoised: a new layer object exactly when what it draws or paints changes (a draw effect depends on it). */
export function useMaskLayer(tomogramId: string, volume: Volume, axis: SliceAxis, index: number, thickness: number): MaskLayer {
  const { painting, eraser, radiusNm, showPainted, showAuto, opacity } = useMaskPaintStore();
  const autoMask = useMaskPaintStore((s) => s.autoMasks[tomogramId]);
  const strokes = useStore(picksStore, (s) => s.masks.get(tomogramId)?.strokes);
  const [live, setLive] = useState<number[] | undefined>(undefined);
  const [hovered, setHovered] = useState<[number, number] | undefined>(undefined);
  const liveRef = useRef<number[] | undefined>(undefined);
  const painter = useMemo(() => new MaskOverlayPainter(), []);
  const setStroke = useMemo(
    () => (points: number[] | undefined) => {
      liveRef.current = points;
      setLive(points);
    },
    [],
  );
  const radius = brushRadiusVoxels(radiusNm, volume.voxelSize[0]);

  const shape: MaskShape = useMemo(() => [volume.nx, volume.ny, volume.nz], [volume]);
  const overlay = useMemo(() => {
    const painted = showPainted && strokes?.length ? paintedMaskSection(strokes, shape, axis, index) : undefined;
    const sameGrid = autoMask && autoMask.shape.every((n, k) => n === shape[k]);
    const auto = showAuto && sameGrid ? maskSection(autoMask.mask, shape, axis, index) : undefined;
    if (!painted && !auto) return undefined;
    const { length } = (painted ?? auto)!;
    const width = axis === 'yz' ? volume.ny : volume.nx;
    return composeMaskOverlay(width, length / width, painted, auto, opacity);
  }, [strokes, autoMask, showPainted, showAuto, opacity, shape, axis, index, volume]);

  return useMemo<MaskLayer>(() => ({
    painting,
    overlay,
    draw(context, t) {
      if (!overlay) return;
      painter.update(overlay);
      painter.draw(context, t);
    },
    drawBrush(context, t, dpr) {
      if (live) drawLiveStroke(context, t, live, radius, eraser);
      if (painting && hovered) drawBrushCursor(context, t, hovered[0], hovered[1], radius, eraser, dpr);
    },
    begin(u, v) {
      setStroke([round2(u), round2(v)]);
    },
    extend(u, v) {
      setHovered([u, v]);
      const points = liveRef.current;
      if (!points) return;
      const n = points.length;
      if (Math.hypot(u - points[n - 2]!, v - points[n - 1]!) < Math.max(0.5, SAMPLE_SPACING * radius)) return;
      setStroke([...points, round2(u), round2(v)]);
    },
    end() {
      const points = liveRef.current;
      setStroke(undefined);
      if (!points) return;
      try {
        picksStore.getState().addMaskStroke(tomogramId, { plane: axis, index, thickness, radius, kind: eraser ? 'include' : 'exclude', points });
      } catch (err) {
        useJobsStore.getState().notify('error', `Painting the mask failed: ${(err as Error).message}`);
      }
    },
    cancel() {
      setStroke(undefined);
    },
    hover(at) {
      setHovered(at);
    },
  }), [painting, overlay, painter, setStroke, live, hovered, radius, eraser, tomogramId, axis, index, thickness]);
}
