/**
 * Files written by writeMrc pass `mrcfile.validate` (Debian python3-mrcfile) and open in gemmi
 * with the same dimensions, voxel size and voxels. gemmi 0.5.7 reads only modes 0, 1, 2 and 6, and
 * misreads big-endian files of modes 0/1/6 (it gives garbage for mrcfile's own big-endian int16
 * files too), so those and float16 are checked with mrcfile alone.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { debianPython } from '../../../testing/reference-paths.ts';
import { allocateVoxels, computeStats, numberToFloat16Bits, voxelValue, type Volume, type VoxelDType } from '../../volume/volume.ts';
import { writeMrc } from './mrc-write.ts';

interface PythonReport {
  valid: boolean;
  log: string;
  mode: number;
  machst: number[];
  voxel: number[];
  origin: number[];
  header_stats: number[];
  values: number[];
  gemmi?: { shape: number[]; spacing: number[]; values: number[] };
}

const script = `
import io, json, sys, numpy as np, mrcfile, gemmi
out = {}
for path in sys.argv[2:]:
    log = io.StringIO()
    valid = bool(mrcfile.validate(path, print_file=log))
    with mrcfile.open(path) as m:
        h = m.header
        rep = {"valid": valid, "log": log.getvalue(), "mode": int(h.mode), "machst": [int(b) for b in h.machst],
               "voxel": [float(m.voxel_size.x), float(m.voxel_size.y), float(m.voxel_size.z)],
               "origin": [float(h.origin.x), float(h.origin.y), float(h.origin.z)],
               "header_stats": [float(h.dmin), float(h.dmax), float(h.dmean), float(h.rms)],
               "values": m.data.astype(float).ravel().tolist()}
    if rep["mode"] == 2 or (rep["mode"] != 12 and rep["machst"][0] == 0x44):
        g = gemmi.read_ccp4_map(path)
        g.setup(float("nan"), gemmi.MapSetup.ReorderOnly)
        a = np.array(g.grid, copy=False)
        rep["gemmi"] = {"shape": list(a.shape), "spacing": [g.grid.unit_cell.a / g.header_i32(8), g.grid.unit_cell.b / g.header_i32(9), g.grid.unit_cell.c / g.header_i32(10)], "values": a.ravel(order="F").astype(float).tolist()}
    out[path] = rep
json.dump(out, open(sys.argv[1], "w"))
`;

function volumeOf(dtype: VoxelDType): Volume {
  const [nx, ny, nz] = [7, 5, 3];
  const data = allocateVoxels(dtype, nx * ny * nz);
  for (let i = 0; i < data.length; i++) {
    const v = (i * 37) % 101;
    // Small float16 values: numpy overflows float16 when mrcfile.validate computes the std of big ones.
    data[i] = { int8: v - 50, uint8: v * 2, int16: v * 300 - 15000, uint16: v * 600, float16: numberToFloat16Bits(v / 16 - 3), float32: v * 0.37 - 11 }[dtype];
  }
  return { nx, ny, nz, voxelSize: [10.5, 11, 12.25], origin: [3, -4.5, 6], dtype, data, stats: computeStats({ dtype, data }) };
}

const cases = (['int8', 'uint8', 'int16', 'uint16', 'float16', 'float32'] as const).flatMap((dtype) =>
  [true, false].map((littleEndian) => ({ dtype, littleEndian, name: `${dtype}-${littleEndian ? 'le' : 'be'}.mrc` })),
);

describe('writeMrc output checked by mrcfile and gemmi', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tomopick-write-'));
  let reports: Record<string, PythonReport> = {};

  beforeAll(() => {
    for (const c of cases) writeFileSync(join(dir, c.name), writeMrc(volumeOf(c.dtype), { littleEndian: c.littleEndian }));
    const target = join(dir, 'report.json');
    execFileSync(debianPython, ['-c', script, target, ...cases.map((c) => join(dir, c.name))]);
    reports = JSON.parse(readFileSync(target, 'utf8')) as Record<string, PythonReport>;
  });

  for (const c of cases) {
    it(c.name, () => {
      const r = reports[join(dir, c.name)]!;
      const volume = volumeOf(c.dtype);
      expect(r.log.trim().split('\n').slice(1)).toEqual(['File appears to be valid.']);
      expect(r.valid).toBe(true);
      expect(r.mode).toBe({ int8: 0, uint8: 6, int16: 1, uint16: 6, float16: 12, float32: 2 }[c.dtype]);
      expect(r.machst).toEqual(c.littleEndian ? [0x44, 0x44, 0, 0] : [0x11, 0x11, 0, 0]);
      r.voxel.forEach((v, i) => expect(v).toBeCloseTo(volume.voxelSize[i]!, 5));
      expect(r.origin).toEqual(volume.origin);
      const [dmin, dmax, dmean, rms] = r.header_stats;
      expect([dmin, dmax]).toEqual([volume.stats.min, volume.stats.max]);
      // The header holds float32: compare to float32 precision.
      expect(Math.abs(dmean! - volume.stats.mean)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(volume.stats.mean)));
      expect(Math.abs(rms! - volume.stats.rms)).toBeLessThanOrEqual(1e-6 * Math.max(1, volume.stats.rms));
      const ours = Array.from({ length: volume.data.length }, (_, i) => voxelValue(volume, i));
      expect(r.values).toEqual(ours);
      const gemmiReadsIt = c.dtype === 'float32' || (c.dtype !== 'float16' && c.littleEndian);
      expect(r.gemmi !== undefined).toBe(gemmiReadsIt);
      if (!gemmiReadsIt) return;
      expect(r.gemmi!.shape).toEqual([volume.nx, volume.ny, volume.nz]);
      r.gemmi!.spacing.forEach((s, i) => expect(s).toBeCloseTo(volume.voxelSize[i]!, 5));
      expect(r.gemmi!.values).toEqual(ours);
    });
  }
});
