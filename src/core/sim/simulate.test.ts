import { describe, expect, it } from 'vitest';
import { fft3d, frequencyIndex } from '../volume/fft.ts';
import { slabRange } from './geometry.ts';
import { membraneClearance } from './membrane.ts';
import { sampleMask, variance } from './noise.ts';
import { simulateTomogram } from './simulate.ts';
import { smallTestConfig } from './test-configs.ts';
import type { TemplateMap } from './template-shape.ts';

function sameValues(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

describe('simulateTomogram', () => {
  const config = smallTestConfig();
  const result = simulateTomogram(config);
  const [nx, ny, nz] = config.shape;

  it('returns a normalised float32 volume of the requested shape', () => {
    expect(result.volume.dtype).toBe('float32');
    expect([result.volume.nx, result.volume.ny, result.volume.nz]).toEqual(config.shape);
    expect(result.volume.voxelSize).toEqual([20, 20, 20]);
    expect(result.volume.stats.mean).toBeCloseTo(0, 5);
    expect(result.volume.stats.rms).toBeCloseTo(1, 5);
    expect(result.labelMap.length).toBe(nx * ny * nz);
    expect(result.classes.map((c) => [c.id, c.name])).toEqual([
      [1, 'ribosome'],
      [2, 'proteasome'],
      [3, 'lobed'],
      [4, 'tiny'],
    ]);
    expect(result.classes[0]!.radiusAngstrom).toBeCloseTo(130, 6);
  });

  it('is deterministic by seed, and other seeds give other tomograms', () => {
    const again = simulateTomogram(config);
    expect(again.particles).toEqual(result.particles);
    expect(sameValues(again.volume.data, result.volume.data)).toBe(true);
    expect(again.noisyLabels).toEqual(result.noisyLabels);
    const other = simulateTomogram({ ...config, seed: 2 });
    expect(other.particles[0]).not.toEqual(result.particles[0]);
  });

  it('keeps the particle field when only the SNR changes', () => {
    const noisier = simulateTomogram({ ...config, snr: 0.05 });
    expect(noisier.particles).toEqual(result.particles);
    expect(sameValues(noisier.labelMap, result.labelMap)).toBe(true);
    expect(sameValues(noisier.volume.data, result.volume.data)).toBe(false);
    expect(noisier.gold).toEqual(result.gold);
  });

  it('places every requested particle, split by abundance', () => {
    const requested = result.counts.map((c) => c.requested);
    expect(requested).toEqual([11, 7, 4, 2]);
    expect(result.counts.map((c) => c.placed)).toEqual(requested);
    expect(result.particles.length).toBe(24);
  });

  it('never overlaps particles, fiducials or the membrane, and stays in the slab', () => {
    const gap = config.minGapAngstrom / config.voxelSize;
    const radius = (classId: number) => result.classes[classId - 1]!.radiusAngstrom / config.voxelSize;
    const [zLo, zHi] = slabRange(config);
    result.particles.forEach((a, i) => {
      const ra = radius(a.classId);
      expect(a.z - ra).toBeGreaterThanOrEqual(zLo - 1e-9);
      expect(a.z + ra).toBeLessThanOrEqual(zHi + 1e-9);
      expect(membraneClearance(result.membrane!, a.x, a.y, a.z)).toBeGreaterThanOrEqual(ra + gap);
      for (const g of result.gold) {
        expect(Math.hypot(a.x - g.x, a.y - g.y, a.z - g.z)).toBeGreaterThan(ra + g.radius);
      }
      for (const b of result.particles.slice(i + 1)) {
        expect(Math.hypot(a.x - b.x, a.y - b.y, a.z - b.z)).toBeGreaterThanOrEqual(ra + radius(b.classId) + gap);
      }
    });
  });

  it('labels exactly the voxels of the particles, with their classes', () => {
    const owned = new Map<number, number>();
    const perParticle = result.particles.map(() => 0);
    for (let z = 0; z < nz; z++)
      for (let y = 0; y < ny; y++)
        for (let x = 0; x < nx; x++) {
          const label = result.labelMap[x + nx * (y + ny * z)]!;
          if (label === 0) continue;
          owned.set(label, (owned.get(label) ?? 0) + 1);
          const owners = result.particles
            .map((p, i) => [p, i] as const)
            .filter(([p]) => Math.hypot(x - p.x, y - p.y, z - p.z) <= result.classes[p.classId - 1]!.radiusAngstrom / 20);
          // Each labelled voxel lies inside exactly one particle's bounding sphere, of its class.
          expect(owners.length).toBe(1);
          expect(owners[0]![0].classId).toBe(label);
          perParticle[owners[0]![1]]!++;
        }
    // Every particle shows up in the label map with a share of its bounding sphere.
    result.particles.forEach((p, i) => {
      const r = result.classes[p.classId - 1]!.radiusAngstrom / 20;
      expect(perParticle[i]).toBeGreaterThan(0.1 * (4 / 3) * Math.PI * r ** 3);
    });
    expect([...owned.keys()].sort()).toEqual([1, 2, 3, 4]);
  });

  it('draws particles dark on the background (denser = more negative)', () => {
    const clean = simulateTomogram({ ...config, snr: null, ctf: null, wedgeDegrees: 90, membrane: null, fiducials: { ...config.fiducials, goldCount: 0, contaminationCount: 0 } });
    let inside = 0;
    let n = 0;
    for (let i = 0; i < clean.labelMap.length; i++) {
      if (clean.labelMap[i]) {
        inside += clean.volume.data[i]!;
        n++;
      }
    }
    expect(inside / n).toBeLessThan(-1);
  });

  it('removes the missing wedge from signal and noise (tilt axis y, ±wedgeDegrees)', () => {
    const wedged = simulateTomogram({ ...config, wedgeDegrees: 50 });
    const re = Float32Array.from(wedged.volume.data);
    const im = new Float32Array(re.length);
    fft3d(re, im, config.shape);
    const tan = Math.tan((50 * Math.PI) / 180);
    let missingPower = 0;
    let measuredPower = 0;
    for (let z = 0; z < nz; z++)
      for (let y = 0; y < ny; y++)
        for (let x = 0; x < nx; x++) {
          const fx = Math.abs(frequencyIndex(x, nx) / nx);
          const fz = Math.abs(frequencyIndex(z, nz) / nz);
          const i = x + nx * (y + ny * z);
          const power = re[i]! ** 2 + im[i]! ** 2;
          if (fz > fx * tan + 1e-9) missingPower += power;
          else measuredPower += power;
        }
    expect(missingPower / measuredPower).toBeLessThan(1e-8);
    // Without a wedge the same region holds plenty of power.
    const full = simulateTomogram({ ...config, wedgeDegrees: 90 });
    const re2 = Float32Array.from(full.volume.data);
    const im2 = new Float32Array(re2.length);
    fft3d(re2, im2, config.shape);
    let missing2 = 0;
    for (let z = 0; z < nz; z++)
      for (let y = 0; y < ny; y++)
        for (let x = 0; x < nx; x++) {
          const fx = Math.abs(frequencyIndex(x, nx) / nx);
          const fz = Math.abs(frequencyIndex(z, nz) / nz);
          const i = x + nx * (y + ny * z);
          if (fz > fx * tan + 1e-9) missing2 += re2[i]! ** 2 + im2[i]! ** 2;
        }
    expect(missing2 / measuredPower).toBeGreaterThan(0.1);
  });

  it.each([0.5, 0.1, 0.05])('meets the requested SNR %s, measured independently against the clean tomogram', (snr) => {
    const noisy = simulateTomogram({ ...config, snr });
    const clean = simulateTomogram({ ...config, snr: null });
    const a = noisy.volume.data as Float32Array;
    const c = clean.volume.data as Float32Array;
    // noisy = k·clean + noise: k by least squares (noise is independent of the signal).
    let cov = 0;
    let varC = 0;
    for (let i = 0; i < a.length; i++) {
      cov += a[i]! * c[i]!;
      varC += c[i]! * c[i]!;
    }
    const k = cov / varC;
    const residual = a.map((v, i) => v - k * c[i]!);
    const mask = sampleMask(config.shape, slabRange(config), noisy.gold);
    const measured = (k * k * variance(c, mask)) / variance(residual);
    expect(measured / snr).toBeGreaterThan(0.93);
    expect(measured / snr).toBeLessThan(1.07);
    expect(noisy.imaging.snr).toBeCloseTo(snr, 6);
  });

  it('derives noisy labels: dropped, jittered and spurious, all recorded', () => {
    const noisy = result.noisyLabels!;
    const n = result.particles.length;
    expect(noisy.droppedTruthIndices.length).toBe(Math.round(0.3 * n));
    const spurious = noisy.records.filter((r) => r.spurious);
    const kept = noisy.records.filter((r) => !r.spurious);
    expect(spurious.length).toBe(Math.round(0.1 * n));
    expect(kept.length).toBe(n - noisy.droppedTruthIndices.length);
    for (const r of kept) {
      expect(noisy.droppedTruthIndices).not.toContain(r.truthIndex);
      const t = result.particles[r.truthIndex!]!;
      expect(r.classId).toBe(t.classId);
      expect(Math.hypot(r.x - t.x, r.y - t.y, r.z - t.z)).toBeLessThan(6 * 1.5);
    }
    for (const s of spurious) {
      expect(s.truthIndex).toBeUndefined();
      for (const t of result.particles) {
        expect(Math.hypot(s.x - t.x, s.y - t.y, s.z - t.z)).toBeGreaterThanOrEqual(result.classes[t.classId - 1]!.radiusAngstrom / 20);
      }
    }
  });

  it('reports monotone progress ending at 1 and honours an abort signal', () => {
    const fractions: number[] = [];
    simulateTomogram(config, { onProgress: (f) => fractions.push(f) });
    expect(fractions.at(-1)).toBe(1);
    expect(fractions.every((f, i) => i === 0 || f >= fractions[i - 1]!)).toBe(true);
    const controller = new AbortController();
    controller.abort();
    expect(() => simulateTomogram(config, { signal: controller.signal })).toThrow(/abort/i);
  });

  it('rejects bad configurations with the field name', () => {
    expect(() => simulateTomogram({ ...config, shape: [64, 64, 2] })).toThrow(/shape must be three integers ≥ 8/);
    expect(() => simulateTomogram({ ...config, snr: -1 })).toThrow(/snr must be > 0/);
    expect(() => simulateTomogram({ ...config, wedgeDegrees: 120 })).toThrow(/wedgeDegrees must be ≤ 90/);
    expect(() => simulateTomogram({ ...config, species: [] })).toThrow(/at least one species/);
  });

  it('renders a species from a template map when one is given', () => {
    // A 9×9×9 map holding an off-centre ellipsoidal blob.
    const n = 9;
    const data = new Float32Array(n * n * n);
    for (let z = 0; z < n; z++)
      for (let y = 0; y < n; y++)
        for (let x = 0; x < n; x++) {
          const d = ((x - 4) / 3.5) ** 2 + ((y - 4) / 2) ** 2 + ((z - 4) / 1.5) ** 2;
          data[x + n * (y + n * z)] = Math.max(0, 1 - d) * 50;
        }
    const map: TemplateMap = { nx: n, ny: n, nz: n, voxelSize: 20, data };
    const templated = simulateTomogram(config, { templates: { tiny: map } });
    expect(templated.templatesUsed).toEqual(['tiny']);
    const tinyRadius = templated.classes[3]!.radiusAngstrom / 20;
    expect(tinyRadius).toBeGreaterThan(3);
    expect(tinyRadius).toBeLessThan(5);
    const tinyVoxels = templated.labelMap.filter((l) => l === 4).length;
    expect(tinyVoxels).toBeGreaterThan(0);
    expect(() => simulateTomogram(config, { templates: { nope: map } })).toThrow(/unknown species "nope"/);
  });
});
