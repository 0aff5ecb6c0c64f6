/**
 * How much memory a file's volume takes once opened, from its header alone (the first 1024 bytes):
 * lets the studio offer binning before it reads a tomogram that would not fit, instead of after.
 * The studio keeps the file's own data type (mode 2 = 4 bytes per voxel, 1/6/12 = 2, 0 = 1).
 */
import { MRC_HEADER_BYTES, parseMrcHeader } from './mrc-header.ts';
import { planMrcLayout } from './mrc-layout.ts';

export interface VolumeFootprint {
  dims: [number, number, number];
  bytesPerVoxel: number;
  /** Bytes of the opened volume at bin 1. */
  bytes: number;
}

/** null when `header` is not a readable MRC header (the regular open then reports why). */
export function mrcFootprint(header: Uint8Array, fileSize: number): VolumeFootprint | null {
  if (header.byteLength < MRC_HEADER_BYTES) return null;
  try {
    const { layout } = planMrcLayout(parseMrcHeader(header).header, fileSize);
    const [a, b, c] = layout.fileDims;
    return { dims: [a, b, c], bytesPerVoxel: layout.bytesPerVoxel, bytes: a * b * c * layout.bytesPerVoxel };
  } catch {
    return null;
  }
}
