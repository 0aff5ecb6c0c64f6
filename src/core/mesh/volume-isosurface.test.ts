import { describe, expect, it } from 'vitest';
import { computeStats, numberToFloat16Bits, type Volume } from '../volume/volume.ts';
import { edgeTopology, enclosedVolume } from './mesh-measures.ts';
import { chooseBinFactor, isosurface } from './volume-isosurface.ts';

const [NX, NY, NZ] = [40, 36, 34];
const CENTRE = [19.2, 17.7, 16.4] as const;
const RADIUS = 11;

function sphereVolume(): Volume {
  const data = new Float32Array(NX * NY * NZ);
  let i = 0;
  for (let z = 0; z < NZ; z++)
    for (let y = 0; y < NY; y++) for (let x = 0; x < NX; x++) data[i++] = RADIUS - Math.hypot(x - CENTRE[0], y - CENTRE[1], z - CENTRE[2]);
  return { nx: NX, ny: NY, nz: NZ, voxelSize: [10, 10, 10], origin: [0, 0, 0], dtype: 'float32', data, stats: computeStats({ dtype: 'float32', data }) };
}

function radii(positions: Float32Array): number[] {
  const r: number[] = [];
  for (let v = 0; v < positions.length; v += 3) r.push(Math.hypot(positions[v]! - CENTRE[0], positions[v + 1]! - CENTRE[1], positions[v + 2]! - CENTRE[2]));
  return r;
}

describe('isosurface of a volume', () => {
  const volume = sphereVolume();

  it('bins by 2 and maps the mesh back into source voxel coordinates', async () => {
    const stages = new Set<string | undefined>();
    const mesh = await isosurface(volume, 0, { bin: 2, onProgress: (_, stage) => stages.add(stage) });
    expect(stages).toEqual(new Set(['binning', 'meshing']));
    expect(edgeTopology(mesh)).toMatchObject({ boundary: 0, nonManifold: 0, misoriented: 0 });
    for (const r of radii(mesh.positions)) expect(Math.abs(r - RADIUS)).toBeLessThan(0.35);
    const full = await isosurface(volume, 0);
    expect(mesh.indices.length).toBeLessThan(full.indices.length / 3);
    expect(enclosedVolume(mesh) / enclosedVolume(full)).toBeCloseTo(1, 1);
  });

  it("'auto' bins only volumes over maxVoxels", async () => {
    expect(chooseBinFactor([NX, NY, NZ])).toBe(1);
    expect(chooseBinFactor([1024, 1024, 256])).toBe(2);
    expect(chooseBinFactor([4096, 4096, 1024])).toBe(4);
    const auto = await isosurface(volume, 0, { bin: 'auto', maxVoxels: (NX * NY * NZ) / 4 });
    expect(auto).toEqual(await isosurface(volume, 0, { bin: 2 }));
  });

  it('keeps a region of interest in source coordinates when binning', async () => {
    const mesh = await isosurface(volume, 0, { bin: 2, roi: { min: [20, 0, 0], max: [NX, NY, NZ] } });
    expect(mesh.indices.length).toBeGreaterThan(0);
    for (let v = 0; v < mesh.positions.length; v += 3) expect(mesh.positions[v]!).toBeGreaterThanOrEqual(19.5);
    await expect(isosurface(volume, 0, { bin: 2, roi: { min: [0, 0, 0], max: [NX + 1, NY, NZ] } })).rejects.toThrow(/along x/);
  });

  it('reads a bare field, float16 bits included', async () => {
    const half = Uint16Array.from(volume.data, numberToFloat16Bits);
    const mesh = await isosurface({ dims: [NX, NY, NZ], data: half, dtype: 'float16' }, 0);
    for (const r of radii(mesh.positions)) expect(Math.abs(r - RADIUS)).toBeLessThan(0.1);
  });

  it('never averages a label map: bin throws, auto subsamples instead', async () => {
    const labels = Uint8Array.from(volume.data, (v) => (v > 0 ? 3 : 0));
    const source = { dims: [NX, NY, NZ] as const, data: labels };
    await expect(isosurface(source, 0.5, { labelValue: 3, bin: 2 })).rejects.toThrow(/label map cannot be binned/);
    const auto = await isosurface(source, 0.5, { labelValue: 3, bin: 'auto', maxVoxels: 10_000 });
    expect(auto).toEqual(await isosurface(source, 0.5, { labelValue: 3, step: 2 }));
    expect(edgeTopology(auto)).toMatchObject({ boundary: 0, nonManifold: 0, misoriented: 0 });
  });

  it('rejects an unknown bin factor and honours cancellation', async () => {
    await expect(isosurface(volume, 0, { bin: 3 as 2 })).rejects.toThrow(/bin must be 1, 2, 4 or 'auto', got 3/);
    const controller = new AbortController();
    controller.abort(new DOMException('cancelled', 'AbortError'));
    await expect(isosurface(volume, 0, { bin: 2, signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });
});
