/**
 * Augmentation by the 48 symmetries of a cube (6 axis permutations × 8 axis flips: every 90°
 * rotation, with and without a mirror). Cryo-ET particles have no preferred in-plane orientation,
 * and a mirror image of a particle is still labelled by the same class at the same voxels.
 * (The missing wedge lies along z, so symmetries that move z trade realism for variety; this is
 * RobPicker/DeepFinder practice and left to the caller to restrict if wanted.)
 */
import type { Random } from '../sim/random.ts';

export const CUBE_SYMMETRY_COUNT = 48;

const PERMUTATIONS = [
  [0, 1, 2],
  [0, 2, 1],
  [1, 0, 2],
  [1, 2, 0],
  [2, 0, 1],
  [2, 1, 0],
] as const;

type Cube = Float32Array | Uint8Array;

/**
 * dst[x, y, z] = src at the point whose coordinate along input axis perm[a] is u_a (or p − 1 − u_a
 * when flip bit a is set), u = (x, y, z). Symmetry 0 is the identity. src and dst must not alias.
 */
export function applyCubeSymmetry<T extends Cube>(src: T, dst: T, p: number, symmetry: number): T {
  if (!Number.isInteger(symmetry) || symmetry < 0 || symmetry >= CUBE_SYMMETRY_COUNT) {
    throw new Error(`Cube symmetry must be an integer in [0, ${CUBE_SYMMETRY_COUNT - 1}], got ${symmetry}.`);
  }
  if (src.length !== p ** 3 || dst.length !== p ** 3) throw new Error(`A ${p}³ patch needs ${p ** 3} values (got ${src.length} and ${dst.length}).`);
  if (src.buffer === dst.buffer && src.byteOffset === dst.byteOffset) throw new Error('applyCubeSymmetry cannot work in place; pass another buffer.');
  const perm = PERMUTATIONS[symmetry >> 3]!;
  const inputStrides = [1, p, p * p];
  let base = 0;
  const stride = [0, 0, 0];
  for (let a = 0; a < 3; a++) {
    const s = inputStrides[perm[a]!]!;
    const flipped = ((symmetry >> a) & 1) === 1;
    stride[a] = flipped ? -s : s;
    if (flipped) base += (p - 1) * s;
  }
  const [sx, sy, sz] = stride as [number, number, number];
  let o = 0;
  for (let z = 0; z < p; z++) {
    for (let y = 0; y < p; y++) {
      let i = base + y * sy + z * sz;
      for (let x = 0; x < p; x++, i += sx) dst[o++] = src[i]!;
    }
  }
  return dst;
}

/**
 * The 16 symmetries that keep z along z (permutations [0,1,2] and [1,0,2], any flips): in-plane
 * 90° turns and mirrors plus a z flip, so the missing wedge stays where the tomogram has it.
 */
export const Z_PRESERVING_SYMMETRIES: readonly number[] = Array.from({ length: CUBE_SYMMETRY_COUNT }, (_, i) => i).filter(
  (i) => PERMUTATIONS[i >> 3]![2] === 2,
);

let scratchImage = new Float32Array(0);
let scratchLabels = new Uint8Array(0);

/** The symmetry augmentPatch applies: its one draw from `random` (replayed alone on resume). */
export function drawSymmetry(random: Random, symmetries?: readonly number[]): number {
  return symmetries ? symmetries[random.int(symmetries.length)]! : random.int(CUBE_SYMMETRY_COUNT);
}

/**
 * Applies one random cube symmetry to an image patch and its labels alike. With `out`, writes
 * there; otherwise in place through module scratch buffers (grown once per patch size, so there is
 * no allocation per call). Returns the symmetry used.
 */
export function augmentPatch(
  input: Float32Array,
  labels: Uint8Array,
  p: number,
  random: Random,
  out?: { input: Float32Array; labels: Uint8Array },
  /** Draw from these symmetries only (default: all 48). */
  symmetries?: readonly number[],
): number {
  const symmetry = drawSymmetry(random, symmetries);
  if (out) {
    applyCubeSymmetry(input, out.input, p, symmetry);
    applyCubeSymmetry(labels, out.labels, p, symmetry);
    return symmetry;
  }
  if (scratchImage.length !== p ** 3) {
    scratchImage = new Float32Array(p ** 3);
    scratchLabels = new Uint8Array(p ** 3);
  }
  input.set(applyCubeSymmetry(input, scratchImage, p, symmetry));
  labels.set(applyCubeSymmetry(labels, scratchLabels, p, symmetry));
  return symmetry;
}
