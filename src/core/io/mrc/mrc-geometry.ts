/** Spatial geometry of an MRC volume in x, y, z order: dimensions, voxel size (Å), origin (Å). */
import type { Vec3 } from '../../volume/volume.ts';
import type { MrcHeaderInfo } from './mrc-header.ts';
import type { MrcLayout } from './mrc-layout.ts';

export interface MrcGeometry {
  dims: Vec3;
  voxelSize: Vec3;
  origin: Vec3;
  warnings: string[];
}

const AXES = ['x', 'y', 'z'] as const;

/** Puts a per-file-axis triple (columns, rows, sections) into x, y, z order. */
export function toXyz(fileOrder: readonly number[], axisOfFileAxis: readonly number[]): Vec3 {
  const out: Vec3 = [0, 0, 0];
  for (let k = 0; k < 3; k++) out[axisOfFileAxis[k]!] = fileOrder[k]!;
  return out;
}

/**
 * Voxel size = CELLA / (MX, MY, MZ) per axis. Zero, non-finite or undefined values become 1 Å and
 * negative ones (Direct Electron writes −10) their magnitude, each with a warning, because a
 * silently wrong voxel size corrupts every Å coordinate exported later.
 */
function voxelSizeOf(h: MrcHeaderInfo, warnings: string[]): Vec3 {
  const sampling = [h.mx, h.my, h.mz];
  return [0, 1, 2].map((i) => {
    const cell = h.cella[i]!;
    const m = sampling[i]!;
    const axis = AXES[i]!;
    const size = m > 0 ? cell / m : NaN;
    if (Number.isFinite(size) && size > 0) return size;
    if (Number.isFinite(size) && size < 0) {
      warnings.push(`voxel size along ${axis} is negative in the header (${size} Å); using ${-size} Å`);
      return -size;
    }
    warnings.push(
      `voxel size along ${axis} is unknown in the header (CELLA.${axis} = ${cell}, M${axis.toUpperCase()} = ${m}); using 1 Å — set the real voxel size`,
    );
    return 1;
  }) as Vec3;
}

function originOf(h: MrcHeaderInfo, layout: MrcLayout, voxelSize: Vec3, warnings: string[]): Vec3 {
  if (!h.origin.every(Number.isFinite)) {
    warnings.push(`ORIGIN (${h.origin.join(', ')}) is not finite; using 0`);
    return [0, 0, 0];
  }
  if (h.origin.some((o) => o !== 0)) return [...h.origin];
  const start = toXyz([h.nxstart, h.nystart, h.nzstart], layout.axisOfFileAxis);
  return [start[0] * voxelSize[0], start[1] * voxelSize[1], start[2] * voxelSize[2]];
}

export function mrcGeometry(h: MrcHeaderInfo, layout: MrcLayout): MrcGeometry {
  const warnings: string[] = [];
  const voxelSize = voxelSizeOf(h, warnings);
  return {
    dims: toXyz(layout.fileDims, layout.axisOfFileAxis),
    voxelSize,
    origin: originOf(h, layout, voxelSize, warnings),
    warnings,
  };
}
