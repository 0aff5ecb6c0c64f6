import { describe, expect, it } from 'vitest';
import { numberToFloat16Bits } from '../volume/volume.ts';
import { marchingCubes, marchingCubesAsync, type Dims } from './marching-cubes.ts';
import { edgeTopology, enclosedVolume } from './mesh-measures.ts';
import type { IsosurfaceMesh } from './mesh-builder.ts';

const DIMS: Dims = [32, 30, 28];
const CENTRE = [15.3, 14.6, 13.8] as const;
const RADIUS = 10;

/** Field `fn(x, y, z)` sampled at voxel centres, x fastest. */
function fieldOf(dims: Dims, fn: (x: number, y: number, z: number) => number): Float32Array {
  const [nx, ny, nz] = dims;
  const out = new Float32Array(nx * ny * nz);
  let i = 0;
  for (let z = 0; z < nz; z++) for (let y = 0; y < ny; y++) for (let x = 0; x < nx; x++) out[i++] = fn(x, y, z);
  return out;
}

const distance = (x: number, y: number, z: number) => Math.hypot(x - CENTRE[0], y - CENTRE[1], z - CENTRE[2]);
/** Positive inside the ball: the surface at level 0 is the sphere of RADIUS. */
const ball = fieldOf(DIMS, (x, y, z) => RADIUS - distance(x, y, z));

function vertexRadii(mesh: IsosurfaceMesh): number[] {
  const r: number[] = [];
  for (let v = 0; v < mesh.positions.length; v += 3) r.push(distance(mesh.positions[v]!, mesh.positions[v + 1]!, mesh.positions[v + 2]!));
  return r;
}

/** Cosine between each normal and the radial direction. */
function radialAlignment(mesh: IsosurfaceMesh): number[] {
  const cos: number[] = [];
  const p = mesh.positions;
  const n = mesh.normals;
  for (let v = 0; v < p.length; v += 3) {
    const r = distance(p[v]!, p[v + 1]!, p[v + 2]!);
    cos.push((n[v]! * (p[v]! - CENTRE[0]) + n[v + 1]! * (p[v + 1]! - CENTRE[1]) + n[v + 2]! * (p[v + 2]! - CENTRE[2])) / r);
  }
  return cos;
}

function expectClosed(mesh: IsosurfaceMesh): void {
  expect(mesh.indices.length).toBeGreaterThan(0);
  expect(edgeTopology(mesh)).toMatchObject({ boundary: 0, nonManifold: 0, misoriented: 0 });
}

function expectFinite(mesh: IsosurfaceMesh): void {
  expect(mesh.positions.every(Number.isFinite)).toBe(true);
  expect(mesh.normals.every(Number.isFinite)).toBe(true);
}

const sphereVolume = (4 / 3) * Math.PI * RADIUS ** 3;

describe('marchingCubes on a sphere of radius 10', () => {
  const mesh = marchingCubes(ball, DIMS, 0);

  it('puts every vertex within 0.1 voxel of the sphere', () => {
    const radii = vertexRadii(mesh);
    expect(radii.length).toBeGreaterThan(500);
    for (const r of radii) expect(Math.abs(r - RADIUS)).toBeLessThan(0.1);
  });

  it('encloses the ball volume within 2 %, wound counter-clockwise from outside (positive volume)', () => {
    const volume = enclosedVolume(mesh);
    expect(volume).toBeGreaterThan(0);
    expect(Math.abs(volume / sphereVolume - 1)).toBeLessThan(0.02);
  });

  it('is watertight: every edge shared by exactly two oppositely wound triangles', () => {
    expectClosed(mesh);
  });

  it('shares vertices: V − E + F = 2 for a sphere (no per-triangle duplicates)', () => {
    const { edges } = edgeTopology(mesh);
    expect(mesh.positions.length / 3 - edges + mesh.indices.length / 3).toBe(2);
  });

  it('has unit normals pointing outward (toward lower values)', () => {
    const n = mesh.normals;
    for (let v = 0; v < n.length; v += 3) expect(Math.hypot(n[v]!, n[v + 1]!, n[v + 2]!)).toBeCloseTo(1, 5);
    for (const c of radialAlignment(mesh)) expect(c).toBeGreaterThan(0.99);
  });

  it('with invert encloses the values below the level: the same closed sphere, normals outward', () => {
    const hollow = fieldOf(DIMS, (x, y, z) => distance(x, y, z) - RADIUS);
    const inverted = marchingCubes(hollow, DIMS, 0, { invert: true });
    expectClosed(inverted);
    expect(Math.abs(enclosedVolume(inverted) / sphereVolume - 1)).toBeLessThan(0.02);
    expect(Math.min(...radialAlignment(inverted))).toBeGreaterThan(0.99);
    // Without invert the same field encloses the outside: the sphere's normals point inward.
    const outside = marchingCubes(hollow, DIMS, 0);
    expect(Math.max(...radialAlignment(outside))).toBeLessThan(-0.99);
  });

  it('with step 2 gives a coarser closed mesh in the same voxel frame', () => {
    const coarse = marchingCubes(ball, DIMS, 0, { step: 2 });
    expectClosed(coarse);
    expect(coarse.indices.length).toBeLessThan(mesh.indices.length / 3);
    for (const r of vertexRadii(coarse)) expect(Math.abs(r - RADIUS)).toBeLessThan(0.25);
    expect(Math.abs(enclosedVolume(coarse) / sphereVolume - 1)).toBeLessThan(0.05);
  });

  it('meshes only the region of interest, in full-volume coordinates, open where the region cuts it', () => {
    const roi = { min: [16, 0, 0] as [number, number, number], max: [32, 30, 28] as [number, number, number] };
    const half = marchingCubes(ball, DIMS, 0, { roi });
    const p = half.positions;
    for (let v = 0; v < p.length; v += 3) expect(p[v]!).toBeGreaterThanOrEqual(16);
    for (const r of vertexRadii(half)) expect(Math.abs(r - RADIUS)).toBeLessThan(0.1);
    const topology = edgeTopology(half);
    expect(topology.boundary).toBeGreaterThan(0);
    expect(topology).toMatchObject({ nonManifold: 0, misoriented: 0 });
  });
});

describe('marchingCubes inputs', () => {
  it('returns an empty mesh when the level is never crossed', () => {
    for (const level of [-100, 100]) {
      const mesh = marchingCubes(ball, DIMS, level);
      expect([mesh.positions.length, mesh.normals.length, mesh.indices.length]).toEqual([0, 0, 0]);
    }
    expect(marchingCubes(new Float32Array(8), [2, 2, 2], 0.5).indices.length).toBe(0);
    expect(marchingCubes(new Float32Array(4), [4, 1, 1], 0.5).indices.length).toBe(0);
  });

  it('reads int16 and float16 voxels like the same values in float32', () => {
    const dims: Dims = [24, 24, 24];
    const centre = 11.5;
    const values = fieldOf(dims, (x, y, z) => Math.round(100 * (7 - Math.hypot(x - centre, y - centre, z - centre))));
    const expected = marchingCubes(values, dims, 0.5);
    const asInt16 = marchingCubes(Int16Array.from(values), dims, 0.5);
    const half = Uint16Array.from(values, numberToFloat16Bits);
    const asFloat16 = marchingCubes({ data: half, dtype: 'float16' }, dims, 0.5);
    expect(asInt16).toEqual(expected);
    expect(asFloat16).toEqual(expected);
  });

  it('meshes one label of a label map as a closed surface', () => {
    const dims: Dims = [20, 20, 20];
    const labels = Uint8Array.from(fieldOf(dims, (x, y, z) => (x >= 3 && x < 9 && y >= 3 && y < 9 && z >= 3 && z < 9 ? 2 : x > 12 ? 1 : 0)));
    const mesh = marchingCubes(labels, dims, 0.5, { labelValue: 2 });
    expectClosed(mesh);
    const p = mesh.positions;
    expect(Math.min(...p)).toBeGreaterThanOrEqual(2.5);
    expect(Math.max(...p)).toBeLessThanOrEqual(8.5);
    // A 6³ block cut at mid-edges: 6³ minus the corner/edge bevels.
    expect(enclosedVolume(mesh)).toBeGreaterThan(5 ** 3);
    expect(enclosedVolume(mesh)).toBeLessThan(6 ** 3);
  });

  it('stays watertight and finite on a noisy field with NaN and ±Inf voxels', () => {
    const dims: Dims = [22, 22, 22];
    let seed = 12345;
    const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    // Noise in the interior, a constant "outside" border so every surface closes inside the volume.
    const field = fieldOf(dims, (x, y, z) => (Math.min(x, y, z) === 0 || Math.max(x, y, z) === 21 ? -1 : random() - 0.5));
    field[5 + 22 * (5 + 22 * 5)] = NaN;
    field[9 + 22 * (9 + 22 * 9)] = Infinity;
    field[12 + 22 * (12 + 22 * 12)] = -Infinity;
    const mesh = marchingCubes(field, dims, 0);
    expectClosed(mesh);
    expectFinite(mesh);
    expect(marchingCubes(field, dims, 0, { invert: true }).indices.length).toBeGreaterThan(0);
  });

  it('rejects bad input with a specific message', () => {
    expect(() => marchingCubes(new Float32Array(10), [2, 2, 2], 0)).toThrow(/holds 10 values but dimensions 2×2×2 need 8/);
    expect(() => marchingCubes(ball, [32, 30, 0], 0)).toThrow(/three positive integer dimensions/);
    expect(() => marchingCubes(ball, DIMS, NaN)).toThrow(/level must be a finite number/);
    expect(() => marchingCubes(ball, DIMS, 0, { step: 1.5 })).toThrow(/step must be a positive integer/);
    expect(() => marchingCubes(ball, DIMS, 0, { roi: { min: [0, 0, 0], max: [40, 30, 28] } })).toThrow(/along x .* max ≤ 32/);
    expect(() => marchingCubes(ball, DIMS, 0, { labelValue: 1 })).toThrow(/level must lie in \(0, 1\)/);
  });
});

describe('progress and cancellation', () => {
  it('reports increasing progress ending at 1', () => {
    const seen: number[] = [];
    marchingCubes(ball, DIMS, 0, { onProgress: (f) => seen.push(f) });
    expect(seen.length).toBeGreaterThan(5);
    expect(seen.at(-1)).toBe(1);
    for (let k = 1; k < seen.length; k++) expect(seen[k]!).toBeGreaterThan(seen[k - 1]!);
  });

  it('stops with an AbortError when the signal trips', async () => {
    const controller = new AbortController();
    const onProgress = (f: number) => f > 0.3 && controller.abort(new DOMException('stop', 'AbortError'));
    expect(() => marchingCubes(ball, DIMS, 0, { signal: controller.signal, onProgress })).toThrow(/stop/);
    const again = new AbortController();
    const pending = marchingCubesAsync(ball, DIMS, 0, { signal: again.signal, yieldEveryMs: 0 });
    again.abort(new DOMException('cancelled', 'AbortError'));
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('the async variant builds the same mesh as the synchronous one', async () => {
    expect(await marchingCubesAsync(ball, DIMS, 0, { yieldEveryMs: 0 })).toEqual(marchingCubes(ball, DIMS, 0));
  });
});
