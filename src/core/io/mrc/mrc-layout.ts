/**
 * Where the voxels are and whether the file really holds them: checks every size the header
 * claims against the file before anything is allocated, so a bad header gives a message, not a
 * multi-gigabyte allocation or a partial volume.
 */
import { assertReadableMode, MRC_MODE_BYTES, type ReadableMrcMode } from './mrc-mode.ts';
import { MRC_HEADER_BYTES, type MrcHeaderInfo } from './mrc-header.ts';

export type MrcKind = 'volume' | 'image-stack' | 'volume-stack';

export interface MrcLayout {
  mode: ReadableMrcMode;
  bytesPerVoxel: number;
  /** Columns, rows, sections of the volume being read (one volume of a stack). */
  fileDims: [number, number, number];
  /** Byte offset of that volume's first voxel. */
  dataOffset: number;
  /** Spatial axis (0 = x, 1 = y, 2 = z) held by columns, rows, sections. */
  axisOfFileAxis: [number, number, number];
  kind: MrcKind;
  volumeCount: number;
  volumeIndex: number;
}

export interface PlannedLayout {
  layout: MrcLayout;
  warnings: string[];
}

function axisMapping(h: MrcHeaderInfo, warnings: string[]): [number, number, number] {
  const crs = [h.mapc, h.mapr, h.maps];
  if (crs.every((a) => a === 0)) {
    warnings.push('MAPC/MAPR/MAPS are 0,0,0; assumed the standard order 1,2,3');
    return [0, 1, 2];
  }
  if ([...crs].sort().join() !== '1,2,3') {
    throw new Error(`MAPC/MAPR/MAPS = ${crs.join(',')} is not a permutation of 1,2,3`);
  }
  return [h.mapc - 1, h.mapr - 1, h.maps - 1];
}

function stackOf(h: MrcHeaderInfo, warnings: string[]): { kind: MrcKind; sectionsPerVolume: number } {
  const isVolumeStackGroup = h.ispg >= 401 && h.ispg <= 630;
  if (isVolumeStackGroup && h.mz > 0 && h.nz % h.mz === 0 && h.nz / h.mz > 1) {
    return { kind: 'volume-stack', sectionsPerVolume: h.mz };
  }
  if (isVolumeStackGroup && h.nz > 1 && (h.mz <= 0 || h.nz % h.mz !== 0)) {
    warnings.push(`ISPG ${h.ispg} marks a volume stack but NZ = ${h.nz} is not a multiple of MZ = ${h.mz}; read as one volume`);
  }
  return { kind: h.ispg === 0 && h.nz > 1 ? 'image-stack' : 'volume', sectionsPerVolume: h.nz };
}

export function planMrcLayout(h: MrcHeaderInfo, fileSize: number, volumeIndex = 0): PlannedLayout {
  const warnings: string[] = [];
  assertReadableMode(h.mode);
  const mode = h.mode;
  if (!(h.nx > 0 && h.ny > 0 && h.nz > 0)) {
    throw new Error(`header dimensions NX×NY×NZ = ${h.nx}×${h.ny}×${h.nz} must all be positive`);
  }
  if (h.nsymbt < 0) throw new Error(`extended header size NSYMBT = ${h.nsymbt} is negative`);
  if (MRC_HEADER_BYTES + h.nsymbt > fileSize) {
    throw new Error(`extended header (NSYMBT = ${h.nsymbt} bytes) runs past the end of the file (${fileSize} bytes)`);
  }
  const bytesPerVoxel = MRC_MODE_BYTES[mode];
  const available = fileSize - MRC_HEADER_BYTES - h.nsymbt;
  const needed = h.nx * h.ny * h.nz * bytesPerVoxel;
  if (available < needed) {
    throw new Error(
      `file has ${available} bytes of data, header needs ${needed} ` +
        `(${h.nx}×${h.ny}×${h.nz} voxels × ${bytesPerVoxel} bytes, mode ${mode}): truncated or not this size`,
    );
  }
  if (available > needed) warnings.push(`${available - needed} bytes after the voxel data are ignored`);

  const axisOfFileAxis = axisMapping(h, warnings);
  const { kind, sectionsPerVolume } = stackOf(h, warnings);
  const volumeCount = h.nz / sectionsPerVolume;
  if (!Number.isInteger(volumeIndex) || volumeIndex < 0 || volumeIndex >= volumeCount) {
    throw new Error(
      volumeCount === 1
        ? `volume ${volumeIndex} requested but the file holds a single volume`
        : `volume ${volumeIndex} requested but the stack holds volumes 0–${volumeCount - 1}`,
    );
  }
  if (kind === 'volume-stack') {
    warnings.push(
      `volume stack of ${volumeCount} volumes (ISPG ${h.ispg}); opened volume ${volumeIndex} (0-based) — choose another with volumeIndex`,
    );
  }
  const volumeBytes = h.nx * h.ny * sectionsPerVolume * bytesPerVoxel;
  return {
    layout: {
      mode,
      bytesPerVoxel,
      fileDims: [h.nx, h.ny, sectionsPerVolume],
      dataOffset: MRC_HEADER_BYTES + h.nsymbt + volumeIndex * volumeBytes,
      axisOfFileAxis,
      kind,
      volumeCount,
      volumeIndex,
    },
    warnings,
  };
}
