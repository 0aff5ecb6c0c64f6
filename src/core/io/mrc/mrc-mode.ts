/**
 * MRC MODE word ↔ the dtype we keep in memory. Only the real-valued modes a tomogram can use are
 * readable; complex and packed modes are refused with a message that says why.
 */
import type { VoxelDType } from '../../volume/volume.ts';

export type ReadableMrcMode = 0 | 1 | 2 | 6 | 12;

/** Bytes per voxel of each readable mode. */
export const MRC_MODE_BYTES: Record<ReadableMrcMode, number> = { 0: 1, 1: 2, 2: 4, 6: 2, 12: 2 };

/** Every MODE the MRC2014 spec (plus IMOD's 4-bit mode 101) defines; used to sniff byte order. */
export const KNOWN_MRC_MODES: ReadonlySet<number> = new Set([0, 1, 2, 3, 4, 6, 12, 101]);

/** Throws a specific message for modes we cannot turn into a volume. */
export function assertReadableMode(mode: number): asserts mode is ReadableMrcMode {
  switch (mode) {
    case 0:
    case 1:
    case 2:
    case 6:
    case 12:
      return;
    case 3:
    case 4:
      return failComplex(mode);
    case 101:
      throw new Error('MRC mode 101 (4-bit packed) is not supported: convert it to mode 0 with IMOD newstack');
    default:
      throw new Error(`unknown MRC mode ${mode} (readable modes: 0, 1, 2, 6, 12)`);
  }
}

function failComplex(mode: 3 | 4): never {
  throw new Error(`complex data (mode ${mode}) is not a tomogram: it is a Fourier transform, not a density map`);
}

/** Mode 0 is int8 or uint8 depending on the signedness rule (see signedness.ts). */
export function dtypeForMode(mode: ReadableMrcMode, int8Signed: boolean): VoxelDType {
  switch (mode) {
    case 0:
      return int8Signed ? 'int8' : 'uint8';
    case 1:
      return 'int16';
    case 2:
      return 'float32';
    case 6:
      return 'uint16';
    case 12:
      return 'float16';
  }
}

/**
 * The mode a volume is written with. uint8 has no MRC2014 mode (mode 0 is signed there), so it is
 * widened to mode 6 (uint16): lossless and read the same by every program.
 */
export function modeForDtype(dtype: VoxelDType): ReadableMrcMode {
  switch (dtype) {
    case 'int8':
      return 0;
    case 'int16':
      return 1;
    case 'float32':
      return 2;
    case 'uint8':
    case 'uint16':
      return 6;
    case 'float16':
      return 12;
  }
}
