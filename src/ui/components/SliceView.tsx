import { useEffect, useMemo, useRef } from 'react';
import { extractSlice } from '../../core/volume/slice.ts';
import type { Volume } from '../../core/volume/volume.ts';
import { SlicePainter } from '../../render/slice-painter.ts';
import { useViewStore, type SliceAxis } from '../../state/view-store.ts';

/** Which position coordinate each view steps through, and how many slices it has. */
const DEPTH_AXIS = { xy: 'z', xz: 'y', yz: 'x' } as const;

function depthCount(volume: Volume, axis: SliceAxis): number {
  return axis === 'xy' ? volume.nz : axis === 'xz' ? volume.ny : volume.nx;
}

export function SliceView({ volume, axis }: { volume: Volume; axis: SliceAxis }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const painterRef = useRef<SlicePainter | undefined>(undefined);
  const depthKey = DEPTH_AXIS[axis];
  const index = useViewStore((s) => s.position[depthKey]);
  const thickness = useViewStore((s) => s.slabThickness);
  const contrast = useViewStore((s) => s.contrast);
  const setPosition = useViewStore((s) => s.setPosition);
  const count = depthCount(volume, axis);

  const slice = useMemo(() => extractSlice(volume, axis, Math.min(index, count - 1), thickness), [volume, axis, index, count, thickness]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || !contrast) return;
    painterRef.current ??= new SlicePainter(canvas);
    painterRef.current.paint(slice, contrast);
  }, [slice, contrast]);

  const step = (delta: number) => setPosition({ [depthKey]: Math.max(0, Math.min(count - 1, index + delta)) });

  return (
    <figure className={`slice-view slice-view-${axis}`}>
      <div
        className="slice-canvas-frame"
        onWheel={(e) => step(e.deltaY > 0 ? 1 : -1)}
      >
        <canvas ref={canvasRef} data-testid={`view-${axis}`} data-slice-index={index} aria-label={`${axis.toUpperCase()} slice ${index}`} />
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
