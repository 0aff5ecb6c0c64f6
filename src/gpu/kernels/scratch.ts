/**
 * Reusable Float32 scratch buffers for the conv3d kernels: a training step calls them dozens of
 * times, and fresh multi-megabyte buffers per call cost more in GC than the copies they hold.
 * JS is single-threaded and the kernels never nest, so one buffer per named slot is enough.
 */
const float32Slots = new Map<string, Float32Array>();
const float64Slots = new Map<string, Float64Array>();

function grow<T extends Float32Array | Float64Array>(
  slots: Map<string, T>,
  make: (length: number) => T,
  slot: string,
  length: number,
): T {
  let buffer = slots.get(slot);
  if (!buffer || buffer.length < length) {
    buffer = make(Math.max(length, Math.ceil((buffer?.length ?? 0) * 1.5)));
    slots.set(slot, buffer);
  }
  return buffer.length === length ? buffer : (buffer.subarray(0, length) as T);
}

/** A buffer of exactly `length` floats for `slot`; its contents are whatever the last user left. */
export function scratchFloat32(slot: string, length: number): Float32Array {
  return grow(float32Slots, (n) => new Float32Array(n), slot, length);
}

/** Float64 twin of scratchFloat32, for accumulators. */
export function scratchFloat64(slot: string, length: number): Float64Array {
  return grow(float64Slots, (n) => new Float64Array(n), slot, length);
}

/** Rounds up to a multiple of 4 (the micro-kernels' tile edge). */
export const roundUp4 = (n: number): number => (n + 3) & ~3;

/**
 * Output voxels per chunk: the chunk's im2col rows (chunk × patch floats) stay near 128 KiB so
 * they are still in L2 when the GEMM reads them.
 */
export function chunkRows(patch: number): number {
  return Math.min(1024, Math.max(4, Math.floor(32768 / patch) & ~3));
}
