/**
 * Whether to offer binning before opening a tomogram: the smallest bin factor (2 or 4) whose
 * volume fits the memory budget, when the full-size volume does not. Binning by b divides the
 * voxel count by b³ (block averaging in all three axes).
 */
import type { BinFactor } from './bin.ts';

/**
 * In-memory size above which the studio offers to bin: a full-size tomogram is held once on the
 * page and copied into a worker per job (display filter, proposals, meshes), so 1 GiB at bin 1
 * already means several GiB in use.
 */
export const DEFAULT_BIN_OFFER_BYTES = 1024 ** 3;

export interface BinOffer {
  /** Bytes at bin 1. */
  fullBytes: number;
  /** The bin this budget calls for, and its size. */
  suggested: Exclude<BinFactor, 1>;
  suggestedBytes: number;
}

export function binOffer(fullBytes: number, budgetBytes = DEFAULT_BIN_OFFER_BYTES): BinOffer | null {
  if (!(fullBytes > budgetBytes)) return null;
  const suggested = fullBytes / 8 <= budgetBytes ? 2 : 4;
  return { fullBytes, suggested, suggestedBytes: fullBytes / suggested ** 3 };
}
