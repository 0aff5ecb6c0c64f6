/**
 * Streams blended patch predictions of the U-Net into compact per-class maps (issue 5), so a
 * 512×512×200 tomogram never needs its class probabilities as a whole float32 volume.
 *
 * Patches must arrive in `patchOrigins` order (z outermost). Only a ring of min(patch, nz) z-planes
 * of weighted sums is kept, for the species channels only (background is 1 − Σ species because the
 * inputs are softmax outputs); a plane is finalised — divided by its weight sum, quantised to uint8,
 * argmaxed — as soon as the last patch of the row of patches that can reach it has been added.
 *
 * Peak memory, bytes: ring min(patch, nz)·nx·ny·(nClasses − 1)·4 + outputs nClasses·nx·ny·nz.
 * 512×512×200, 5 classes, patch 64, overlap 20: ring 64·512·512·4·4 = 256 MiB, outputs
 * 5·52.4 MB = 250 MiB, about 506 MiB in all (the whole volume in float32 would be 1 GiB more).
 */
import { axisOrigins, blendWeights1d, blendWeightSums1d, patchOrigins, type Origin3, type Shape3 } from './patch-grid.ts';

export interface ClassProbabilityMaps {
  /** probabilities[c − 1] = round(255·p(class c)) for species class c = 1 … nClasses − 1, x fastest. */
  probabilities: Uint8Array[];
  /** Argmax class per voxel, 0 = background (ties go to the lower class). */
  labels: Uint8Array;
}

/** Tolerance of the softmax check: float32 softmax outputs sum to 1 within ~1e-6. */
const SUM_TOLERANCE = 1e-3;
/** Every SUM_CHECK_STEP-th voxel of a patch is checked, enough to catch logits passed by mistake. */
const SUM_CHECK_STEP = 4099;

export class ProbabilityAccumulator {
  readonly origins: Origin3[];
  readonly ringPlanes: number;
  private readonly nx: number;
  private readonly ny: number;
  private readonly nz: number;
  private readonly species: number;
  private readonly weights: Float32Array;
  /** 1 / (sum of 1-D weights) per position along x, y, z. */
  private readonly inverseSums: [Float64Array, Float64Array, Float64Array];
  private readonly ring: Float32Array;
  private readonly output: ClassProbabilityMaps;
  /** Per-plane scratch of finalisePlane: best species so far, its probability, 1 − Σ species. */
  private readonly planeBest: Uint8Array;
  private readonly planeBestP: Float64Array;
  private readonly planeRest: Float64Array;
  private added = 0;
  private finalised = 0;

  constructor(
    shape: Shape3,
    readonly nClasses: number,
    readonly patch: number,
    readonly overlap: number,
  ) {
    if (!Number.isInteger(nClasses) || nClasses < 2 || nClasses > 256) {
      throw new Error(`nClasses must be an integer in [2, 256] (background + species), got ${nClasses}.`);
    }
    [this.nx, this.ny, this.nz] = shape;
    this.origins = patchOrigins(shape, patch, overlap);
    this.weights = blendWeights1d(patch, overlap);
    this.inverseSums = shape.map((n) => {
      const sums = blendWeightSums1d(n, axisOrigins(n, patch, overlap), this.weights);
      return sums.map((s) => 1 / s);
    }) as [Float64Array, Float64Array, Float64Array];
    this.species = nClasses - 1;
    this.ringPlanes = Math.min(patch, this.nz);
    this.ring = new Float32Array(this.ringPlanes * this.nx * this.ny * this.species);
    const voxels = this.nx * this.ny * this.nz;
    this.planeBest = new Uint8Array(this.nx * this.ny);
    this.planeBestP = new Float64Array(this.nx * this.ny);
    this.planeRest = new Float64Array(this.nx * this.ny);
    this.output = {
      probabilities: Array.from({ length: this.species }, () => new Uint8Array(voxels)),
      labels: new Uint8Array(voxels),
    };
  }

  /** Bytes held at peak (ring + outputs) for a volume of this shape: see the file comment. */
  static peakBytes(shape: Shape3, nClasses: number, patch: number): number {
    const [nx, ny, nz] = shape;
    return Math.min(patch, nz) * nx * ny * (nClasses - 1) * 4 + nClasses * nx * ny * nz;
  }

  get patchesAdded(): number {
    return this.added;
  }

  /** z-planes [0, planesFinalised) of the output are final. */
  get planesFinalised(): number {
    return this.finalised;
  }

  get done(): boolean {
    return this.added === this.origins.length;
  }

  /** Adds one patch's softmax output: p³·nClasses values, channel fastest, then x, y, z. */
  add(origin: readonly number[], probs: Float32Array): void {
    const expected = this.origins[this.added];
    if (!expected) throw new Error(`All ${this.origins.length} patches have been added already.`);
    if (origin[0] !== expected[0] || origin[1] !== expected[1] || origin[2] !== expected[2]) {
      throw new Error(
        `Patch ${this.added} must be at [${expected.join(', ')}] (patchOrigins order, z outermost), got [${origin.join(', ')}].`,
      );
    }
    const { patch: p, nClasses } = this;
    if (probs.length !== p ** 3 * nClasses) {
      throw new Error(`A ${p}³ patch with ${nClasses} classes needs ${p ** 3 * nClasses} values, got ${probs.length}.`);
    }
    checkSoftmax(probs, nClasses);
    this.accumulate(expected, probs);
    this.added++;
    const next = this.origins[this.added];
    this.finaliseBelow(next ? next[2] : this.nz);
  }

  /** The maps, once every patch has been added. */
  finish(): ClassProbabilityMaps {
    if (!this.done) throw new Error(`Only ${this.added} of ${this.origins.length} patches have been added.`);
    return this.output;
  }

  private accumulate([ox, oy, oz]: Origin3, probs: Float32Array): void {
    const { nx, ny, nz, species, nClasses, weights: w, ring, ringPlanes, patch: p } = this;
    const zEnd = Math.min(p, nz - oz);
    const yEnd = Math.min(p, ny - oy);
    const xEnd = Math.min(p, nx - ox);
    for (let z = 0; z < zEnd; z++) {
      const slot = ((oz + z) % ringPlanes) * ny;
      for (let y = 0; y < yEnd; y++) {
        const wzy = w[z]! * w[y]!;
        let r = (nx * (slot + oy + y) + ox) * species;
        let q = p * (y + p * z) * nClasses + 1;
        for (let x = 0; x < xEnd; x++, r += species, q += nClasses) {
          const weight = wzy * w[x]!;
          for (let c = 0; c < species; c++) ring[r + c]! += weight * probs[q + c]!;
        }
      }
    }
  }

  private finaliseBelow(zLimit: number): void {
    const end = Math.min(zLimit, this.nz);
    for (; this.finalised < end; this.finalised++) this.finalisePlane(this.finalised);
  }

  private finalisePlane(z: number): void {
    const { nx, ny, species, ring } = this;
    const [invX, invY, invZ] = this.inverseSums;
    const { probabilities, labels } = this.output;
    const planeStart = nx * ny * (z % this.ringPlanes) * species;
    const outStart = nx * ny * z;
    const best = this.planeBest;
    const bestP = this.planeBestP;
    const rest = this.planeRest;
    bestP.fill(-Infinity);
    rest.fill(1);
    // Channel by channel, so each output map is written contiguously.
    for (let c = 0; c < species; c++) {
      const map = probabilities[c]!;
      for (let y = 0, k = 0; y < ny; y++) {
        const invZY = invZ[z]! * invY[y]!;
        for (let x = 0, r = planeStart + nx * y * species + c; x < nx; x++, k++, r += species) {
          const prob = ring[r]! * invZY * invX[x]!;
          rest[k]! -= prob;
          if (prob > bestP[k]!) {
            bestP[k] = prob;
            best[k] = c + 1;
          }
          const q = (255 * prob + 0.5) | 0;
          map[outStart + k] = q < 0 ? 0 : q > 255 ? 255 : q;
        }
      }
    }
    for (let k = 0; k < nx * ny; k++) labels[outStart + k] = rest[k]! >= bestP[k]! ? 0 : best[k]!;
    ring.fill(0, planeStart, planeStart + nx * ny * species);
  }
}

function checkSoftmax(probs: Float32Array, nClasses: number): void {
  for (let start = 0; start < probs.length; start += SUM_CHECK_STEP * nClasses) {
    let sum = 0;
    for (let c = 0; c < nClasses; c++) sum += probs[start + c]!;
    if (!(Math.abs(sum - 1) <= SUM_TOLERANCE)) {
      throw new Error(`Patch values must be softmax probabilities (classes summing to 1); voxel ${start / nClasses} sums to ${sum}.`);
    }
  }
}
