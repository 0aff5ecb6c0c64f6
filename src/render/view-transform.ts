/**
 * Maps slice-image coordinates (u, v in voxels, voxel centres at integers, so pixel u covers
 * [u − 0.5, u + 0.5]) to canvas pixels and back, with zoom about a point and pan. Pure math.
 */
export interface ViewTransform {
  scale: number;
  offsetX: number;
  offsetY: number;
}

export function fitTransform(dataWidth: number, dataHeight: number, canvasWidth: number, canvasHeight: number): ViewTransform {
  const scale = Math.min(canvasWidth / dataWidth, canvasHeight / dataHeight);
  return {
    scale,
    offsetX: (canvasWidth - dataWidth * scale) / 2,
    offsetY: (canvasHeight - dataHeight * scale) / 2,
  };
}

export function toCanvas(t: ViewTransform, u: number, v: number): [number, number] {
  return [t.offsetX + (u + 0.5) * t.scale, t.offsetY + (v + 0.5) * t.scale];
}

export function toData(t: ViewTransform, x: number, y: number): [number, number] {
  return [(x - t.offsetX) / t.scale - 0.5, (y - t.offsetY) / t.scale - 0.5];
}

/** Zoom by `factor` keeping the data point under canvas (x, y) fixed; scale stays within limits. */
export function zoomAt(t: ViewTransform, factor: number, x: number, y: number, minScale = 0.05, maxScale = 64): ViewTransform {
  const scale = Math.min(maxScale, Math.max(minScale, t.scale * factor));
  const k = scale / t.scale;
  return { scale, offsetX: x - (x - t.offsetX) * k, offsetY: y - (y - t.offsetY) * k };
}

export function panBy(t: ViewTransform, dx: number, dy: number): ViewTransform {
  return { ...t, offsetX: t.offsetX + dx, offsetY: t.offsetY + dy };
}
