import { describe, expect, it } from 'vitest';
import { createRandom } from '../sim/random.ts';
import { blendWeights1d, type Origin3, type Shape3 } from './patch-grid.ts';
import { ProbabilityAccumulator, type ClassProbabilityMaps } from './probability-accumulator.ts';

type Field = (x: number, y: number, z: number, origin: Origin3, out: Float64Array) => void;

/** Feeds every patch of the accumulator with field values (softmax-normalised), returns its maps. */
function run(shape: Shape3, nClasses: number, patch: number, overlap: number, field: Field): ClassProbabilityMaps {
  const acc = new ProbabilityAccumulator(shape, nClasses, patch, overlap);
  const probs = new Float32Array(patch ** 3 * nClasses);
  const logits = new Float64Array(nClasses);
  for (const origin of acc.origins) {
    for (let z = 0; z < patch; z++)
      for (let y = 0; y < patch; y++)
        for (let x = 0; x < patch; x++) {
          field(origin[0] + x, origin[1] + y, origin[2] + z, origin, logits);
          softmaxInto(logits, probs, nClasses * (x + patch * (y + patch * z)));
        }
    acc.add(origin, probs);
  }
  return acc.finish();
}

function softmaxInto(logits: Float64Array, out: Float32Array, at: number): void {
  const max = Math.max(...logits);
  let sum = 0;
  for (const l of logits) sum += Math.exp(l - max);
  logits.forEach((l, c) => (out[at + c] = Math.exp(l - max) / sum));
}

/** Whole-volume float64 weighted average of the same patches: what the streaming result must equal. */
function bruteForce(shape: Shape3, nClasses: number, patch: number, overlap: number, field: Field) {
  const [nx, ny, nz] = shape;
  const n = nx * ny * nz;
  const sums = new Float64Array(n * nClasses);
  const weightSum = new Float64Array(n);
  const w = blendWeights1d(patch, overlap);
  const probs = new Float32Array(nClasses);
  const logits = new Float64Array(nClasses);
  for (const origin of new ProbabilityAccumulator(shape, nClasses, patch, overlap).origins) {
    for (let z = 0; z < patch; z++)
      for (let y = 0; y < patch; y++)
        for (let x = 0; x < patch; x++) {
          const [gx, gy, gz] = [origin[0] + x, origin[1] + y, origin[2] + z];
          if (gx >= nx || gy >= ny || gz >= nz) continue;
          field(gx, gy, gz, origin, logits);
          softmaxInto(logits, probs, 0);
          const i = gx + nx * (gy + ny * gz);
          const weight = w[x]! * w[y]! * w[z]!;
          weightSum[i]! += weight;
          for (let c = 0; c < nClasses; c++) sums[i * nClasses + c]! += weight * probs[c]!;
        }
  }
  return { n, prob: (i: number, c: number) => sums[i * nClasses + c]! / weightSum[i]! };
}

describe('ProbabilityAccumulator', () => {
  it('turns a constant field into constant maps and labels', () => {
    const logits = [0.3, 1.2, -0.5, 2.0, 0.1];
    const p = softmaxOf(logits);
    const maps = run([40, 30, 50], 5, 16, 5, (_x, _y, _z, _o, out) => out.set(logits));
    for (let c = 1; c < 5; c++) expect(new Set(maps.probabilities[c - 1])).toEqual(new Set([Math.round(255 * p[c]!)]));
    expect(new Set(maps.labels)).toEqual(new Set([3]));
  });

  it('is seam-free: a field every patch agrees on comes out unchanged', () => {
    const shape: Shape3 = [37, 29, 45];
    const field: Field = (x, y, z, _o, out) => {
      out[0] = Math.sin(x / 5) + Math.cos(z / 7);
      out[1] = Math.cos(y / 4);
      out[2] = (x + y - z) / 20;
    };
    const maps = run(shape, 3, 16, 6, field);
    const logits = new Float64Array(3);
    let worst = 0;
    for (let z = 0; z < 45; z++)
      for (let y = 0; y < 29; y++)
        for (let x = 0; x < 37; x++) {
          field(x, y, z, [0, 0, 0], logits);
          const p = softmaxOf(Array.from(logits));
          const i = x + 37 * (y + 29 * z);
          for (let c = 1; c < 3; c++) worst = Math.max(worst, Math.abs(maps.probabilities[c - 1]![i]! - 255 * p[c]!));
        }
    expect(worst).toBeLessThanOrEqual(0.5 + 1e-3);
  });

  it('equals a whole-volume float64 weighted average within 1/255 when every patch predicts differently', () => {
    const shape: Shape3 = [45, 38, 41];
    const rng = createRandom(7);
    const patchLogits = new Map<string, number[]>();
    const field: Field = (x, y, z, origin, out) => {
      const key = origin.join(',');
      if (!patchLogits.has(key)) patchLogits.set(key, Array.from({ length: 8 }, () => 3 * rng.gaussian()));
      const a = patchLogits.get(key)!;
      out[0] = a[0]!;
      out[1] = a[1]! + Math.sin(x / 3);
      out[2] = a[2]! + Math.cos(y / 4) * a[5]!;
      out[3] = a[3]! + (z / 10) * a[6]!;
    };
    const maps = run(shape, 4, 16, 5, field);
    const ref = bruteForce(shape, 4, 16, 5, field);
    let worst = 0;
    let labelMismatches = 0;
    for (let i = 0; i < ref.n; i++) {
      const p = [0, 1, 2, 3].map((c) => ref.prob(i, c));
      for (let c = 1; c < 4; c++) worst = Math.max(worst, Math.abs(maps.probabilities[c - 1]![i]! / 255 - p[c]!));
      const sorted = [...p].sort((a, b) => b - a);
      if (sorted[0]! - sorted[1]! > 1e-5 && maps.labels[i] !== p.indexOf(sorted[0]!)) labelMismatches++;
    }
    expect(worst).toBeLessThanOrEqual(1 / 255);
    expect(labelMismatches).toBe(0);
  });

  it('cross-fades across patch borders: patches that disagree completely leave no step', () => {
    // Along x, patches alternate between "class 1 for sure" and "background for sure". Hard seams
    // would jump by 255, flat weights by ~128; the cosine ramp over 5 voxels steps by ≤ 0.25.
    const maps = run([60, 8, 8], 2, 16, 5, (_x, _y, _z, origin, out) => {
      out[0] = 0;
      out[1] = (origin[0] / 11) % 2 === 0 ? 12 : -12;
    });
    const map = maps.probabilities[0]!;
    let worstStep = 0;
    for (let x = 1; x < 60; x++) worstStep = Math.max(worstStep, Math.abs(map[x]! - map[x - 1]!));
    expect(map[0]).toBe(255);
    expect(map[18]).toBe(0);
    expect(worstStep).toBeLessThanOrEqual(Math.ceil(0.25 * 255));
  });

  it('handles volumes smaller than a patch and finalises planes as the rows of patches pass', () => {
    const shape: Shape3 = [10, 20, 40];
    const acc = new ProbabilityAccumulator(shape, 2, 16, 4);
    expect(acc.ringPlanes).toBe(16);
    const probs = new Float32Array(16 ** 3 * 2);
    for (let i = 0; i < probs.length; i += 2) [probs[i], probs[i + 1]] = [0.25, 0.75];
    const finalisedAfter: number[] = [];
    for (const origin of acc.origins) {
      acc.add(origin, probs);
      finalisedAfter.push(acc.planesFinalised);
    }
    // z origins 0, 12, 24: planes below the next row's start are final once a row is complete.
    expect(acc.origins.map((o) => o[2])).toEqual([0, 0, 12, 12, 24, 24]);
    expect(finalisedAfter).toEqual([0, 12, 12, 24, 24, 40]);
    const maps = acc.finish();
    expect(new Set(maps.probabilities[0])).toEqual(new Set([191]));
    expect(new Set(maps.labels)).toEqual(new Set([1]));
  });

  it('rejects patches out of order, logits instead of probabilities, wrong sizes and early finish', () => {
    const acc = new ProbabilityAccumulator([20, 20, 20], 3, 16, 4);
    const probs = new Float32Array(16 ** 3 * 3).fill(1 / 3);
    expect(() => acc.add([4, 0, 0], probs)).toThrow(/must be at \[0, 0, 0\]/);
    expect(() => acc.add([0, 0, 0], new Float32Array(16 ** 3 * 3).fill(2))).toThrow(/softmax/);
    expect(() => acc.add([0, 0, 0], new Float32Array(10))).toThrow(/needs 12288/);
    acc.add([0, 0, 0], probs);
    expect(() => acc.finish()).toThrow(/Only 1 of 8/);
    expect(() => new ProbabilityAccumulator([20, 20, 20], 1, 16, 4)).toThrow(/nClasses/);
  });

  it('documents its peak memory for a 512×512×200 tomogram, 5 classes, 64³ patches', () => {
    const bytes = ProbabilityAccumulator.peakBytes([512, 512, 200], 5, 64);
    expect(bytes).toBe(64 * 512 * 512 * 4 * 4 + 5 * 512 * 512 * 200);
    expect(bytes / 2 ** 20).toBeCloseTo(506, 0);
  });
});

function softmaxOf(logits: number[]): number[] {
  const out = new Float32Array(logits.length);
  softmaxInto(Float64Array.from(logits), out, 0);
  return Array.from(out);
}
