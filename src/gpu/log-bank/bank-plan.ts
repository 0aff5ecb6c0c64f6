/**
 * Sizes, limits and dispatch grids of the WebGPU filter bank, checked before anything is
 * allocated so an unsuitable volume or adapter fails with the numbers in the message (the caller
 * then falls back to the CPU bank).
 */
import { isPowerOfTwo } from '../../core/volume/fft.ts';
import type { Shape3 } from '../../core/proposals/mirror-pad.ts';

/** The adapter/device limits the bank depends on (a GPUSupportedLimits satisfies it). */
export interface BankLimits {
  maxBufferSize: number;
  maxStorageBufferBindingSize: number;
  maxComputeWorkgroupStorageSize: number;
  maxComputeWorkgroupsPerDimension: number;
  maxComputeInvocationsPerWorkgroup: number;
}

export interface BankPlan {
  shape: Shape3;
  padded: Shape3;
  /** px·py·pz and nx·ny·nz. */
  paddedVoxels: number;
  voxels: number;
  /** One split-complex half (re or im) of a padded volume, and one response. */
  paddedBytes: number;
  responseBytes: number;
  /** Device memory for the whole run: spectrum and work (re + im each), response and its read-back copy. */
  totalBytes: number;
}

const MIB = 1024 * 1024;
export const mib = (bytes: number) => `${(bytes / MIB).toFixed(0)} MiB`;

/** The GPU FFT needs power-of-two axes whose lines fit in workgroup memory (8 bytes per complex value). */
export function checkFftAxes(padded: Shape3, limits: Pick<BankLimits, 'maxComputeWorkgroupStorageSize'>): void {
  const maxLine = limits.maxComputeWorkgroupStorageSize / 8;
  padded.forEach((n, axis) => {
    if (!isPowerOfTwo(n)) throw new Error(`GPU FFT: axis ${'xyz'[axis]} has length ${n}, not a power of two`);
    if (n > maxLine) {
      throw new Error(
        `GPU FFT: axis ${'xyz'[axis]} has length ${n}, but one line must fit in workgroup memory ` +
          `(${limits.maxComputeWorkgroupStorageSize} bytes hold at most ${maxLine} complex values): use the CPU bank`,
      );
    }
  });
}

export function planLogBank(shape: Shape3, padded: Shape3, limits: BankLimits): BankPlan {
  checkFftAxes(padded, limits);
  const paddedVoxels = padded[0] * padded[1] * padded[2];
  const voxels = shape[0] * shape[1] * shape[2];
  const paddedBytes = 4 * paddedVoxels;
  const responseBytes = 4 * voxels;
  const largest = Math.max(paddedBytes, responseBytes);
  const allowed = Math.min(limits.maxBufferSize, limits.maxStorageBufferBindingSize);
  if (largest > allowed) {
    throw new Error(
      `WebGPU filter bank: a ${shape.join('×')} volume pads to ${padded.join('×')} and needs ${mib(largest)} storage buffers, ` +
        `but this GPU allows ${mib(allowed)} (maxBufferSize ${mib(limits.maxBufferSize)}, ` +
        `maxStorageBufferBindingSize ${mib(limits.maxStorageBufferBindingSize)}): use the CPU bank or bin the volume`,
    );
  }
  if (paddedVoxels > 2 ** 32) throw new Error(`WebGPU filter bank: ${padded.join('×')} voxels overflow 32-bit indices`);
  return { shape, padded, paddedVoxels, voxels, paddedBytes, responseBytes, totalBytes: 4 * paddedBytes + 2 * responseBytes };
}

/** A 2D grid of `workgroups` workgroups within the per-dimension limit; shaders index with groupsX. */
export function dispatchGrid(workgroups: number, maxPerDimension: number): { groupsX: number; groupsY: number } {
  const groupsX = Math.max(1, Math.min(workgroups, maxPerDimension));
  const groupsY = Math.ceil(workgroups / groupsX);
  if (groupsY > maxPerDimension) throw new Error(`WebGPU filter bank: ${workgroups} workgroups exceed a ${maxPerDimension}² dispatch`);
  return { groupsX, groupsY };
}
