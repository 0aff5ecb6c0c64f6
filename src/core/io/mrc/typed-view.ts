import type { VoxelArray, VoxelDType } from '../../volume/volume.ts';

/** A typed-array view of `bytes` (which must be aligned for the dtype) without copying. */
export function viewAs(dtype: VoxelDType, bytes: Uint8Array): VoxelArray {
  const { buffer, byteOffset, byteLength } = bytes;
  switch (dtype) {
    case 'int8':
      return new Int8Array(buffer, byteOffset, byteLength);
    case 'uint8':
      return bytes;
    case 'int16':
      return new Int16Array(buffer, byteOffset, byteLength / 2);
    case 'uint16':
    case 'float16':
      return new Uint16Array(buffer, byteOffset, byteLength / 2);
    case 'float32':
      return new Float32Array(buffer, byteOffset, byteLength / 4);
  }
}
