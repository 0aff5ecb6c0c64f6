/**
 * Every MRC/CCP4 file in ../shared/reference behaves as mrc/EXPECTED.md says; header fields and
 * data statistics are compared with EXPECTED.json (what mrcfile reports). Permuted-axis files are
 * compared voxel by voxel with gemmi's own reordering (MapSetup.ReorderOnly).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, openAsBlob, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { debianPython, referencePath } from '../../../testing/reference-paths.ts';
import { openVolume, type OpenedVolume } from '../open-volume.ts';
import type { VolumeStats } from '../../volume/volume.ts';

interface Expected {
  file: string;
  nx: number;
  ny: number;
  nz: number;
  mode: number;
  mapcrs: [number, number, number];
  ispg: number;
  nsymbt: number;
  map_tag: string;
  machst: [number, number, number, number];
  voxel: [number, number, number];
  header_stats: [number, number, number, number];
  imod_flags: number | null;
  data?: string;
  data_as_mrcfile?: [number, number, number, number];
  data_as_unsigned?: [number, number, number, number];
}

/** EXPECTED.json was written by Python's json, which emits bare Infinity/NaN for float fields. */
function parsePythonJson(text: string): unknown {
  const quoted = text.replace(/(?<=[[:,]\s*)(-?Infinity|NaN)(?=\s*[,\]}])/g, '"__$1"');
  return JSON.parse(quoted, (_key, value: unknown) => (typeof value === 'string' && value.startsWith('__') ? Number(value.slice(2)) : value));
}

const expected = parsePythonJson(readFileSync(referencePath('mrc/EXPECTED.json'), 'utf8')) as Record<string, Expected>;
const entries = Object.values(expected);
const open = async (e: Expected, volumeIndex?: number) => openVolume(await openAsBlob(referencePath(e.file)), basename(e.file), { volumeIndex });

function expectFloat32Close(actual: number, wanted: number, relative = 1e-6) {
  if (!Number.isFinite(wanted)) return expect(actual).toBe(wanted);
  expect(Math.abs(actual - wanted)).toBeLessThanOrEqual(relative * Math.max(1, Math.abs(wanted)));
}
/** EXPECTED.json rounds voxel sizes to 4 decimals. */
const VOXEL_TOLERANCE = 1e-4;

function expectStats(stats: VolumeStats, wanted: [number, number, number, number]) {
  const [min, max, mean, rms] = wanted;
  expect(stats.min).toBe(min);
  expect(stats.max).toBe(max);
  expect(Math.abs(stats.mean - mean)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(mean)));
  expect(Math.abs(stats.rms - rms)).toBeLessThanOrEqual(1e-5 * Math.max(1, rms));
}

/** Stats of a whole volume stack from its equally sized volumes. */
function mergeStats(parts: VolumeStats[]): VolumeStats {
  const mean = parts.reduce((s, p) => s + p.mean, 0) / parts.length;
  const meanSq = parts.reduce((s, p) => s + p.rms ** 2 + p.mean ** 2, 0) / parts.length;
  return {
    min: Math.min(...parts.map((p) => p.min)),
    max: Math.max(...parts.map((p) => p.max)),
    mean,
    rms: Math.sqrt(meanSq - mean * mean),
    nonFinite: 0,
  };
}

describe('reference MRC/CCP4 files (EXPECTED.md / EXPECTED.json)', () => {
  it('covers every file listed in EXPECTED.json', () => {
    expect(entries.length).toBeGreaterThanOrEqual(30);
  });

  for (const e of entries) {
    if (e.file.endsWith('.bz2')) {
      it(`${e.file}: bzip2 is refused clearly`, async () => {
        await expect(open(e)).rejects.toThrow(/bzip2-compressed files are not supported: decompress first/);
      });
      continue;
    }
    if (e.data === 'complex (mode 4)') {
      it(`${e.file}: complex data refused`, async () => {
        await expect(open(e)).rejects.toThrow(/complex data \(mode 4\) is not a tomogram/);
      });
      continue;
    }
    if (e.data?.startsWith('none')) {
      it(`${e.file}: header-only file refused`, async () => {
        await expect(open(e)).rejects.toThrow(/file has \d+ bytes of data, header needs \d+/);
      });
      continue;
    }

    it(`${e.file}: header fields and data statistics agree with mrcfile`, async () => {
      const opened = await open(e);
      const h = opened.header!;
      expect([h.nx, h.ny, h.nz, h.mode, h.ispg, h.nsymbt]).toEqual([e.nx, e.ny, e.nz, e.mode, e.ispg, e.nsymbt]);
      expect([h.mapc, h.mapr, h.maps]).toEqual(e.mapcrs);
      expect(h.hasMapTag).toBe(e.map_tag === 'MAP ');
      expect(h.machineStamp).toEqual(e.machst);
      const headerVoxel = [h.cella[0] / h.mx, h.cella[1] / h.my, h.cella[2] / h.mz];
      headerVoxel.forEach((v, i) => expectFloat32Close(v, e.voxel[i]!, VOXEL_TOLERANCE));
      [h.dmin, h.dmax, h.dmean, h.rms].forEach((v, i) => expectFloat32Close(v, e.header_stats[i]!));
      expect(h.headerStatsComputed).toBe(e.header_stats[0] <= e.header_stats[1] && e.header_stats[3] >= 0);

      // Voxel size: as in the header when usable, |value| when negative, else 1 Å with a warning.
      e.voxel.forEach((v, i) => {
        const axis = 'xyz'[i]!;
        if (Number.isFinite(v) && v > 0) expectFloat32Close(opened.volume.voxelSize[i]!, v, VOXEL_TOLERANCE);
        else if (v < 0 && Number.isFinite(v)) {
          expectFloat32Close(opened.volume.voxelSize[i]!, -v, VOXEL_TOLERANCE);
          expect(opened.warnings.join('\n')).toMatch(new RegExp(`voxel size along ${axis} is negative`));
        } else {
          expect(opened.volume.voxelSize[i]).toBe(1);
          expect(opened.warnings.join('\n')).toMatch(new RegExp(`voxel size along ${axis} is unknown.*using 1 Å`));
        }
      });

      if (e.mode === 0) {
        const signed = e.imod_flags !== null ? (e.imod_flags & 1) === 1 : e.map_tag === 'MAP ';
        expect(opened.volume.dtype).toBe(signed ? 'int8' : 'uint8');
        expect(h.signednessRule).toBe(e.imod_flags !== null ? 'imod-flags' : signed ? 'map-tag' : 'legacy-unsigned');
      }
      const wanted = e.mode === 0 && opened.volume.dtype === 'uint8' ? e.data_as_unsigned! : e.data_as_mrcfile!;
      if (opened.header!.ispg >= 401 && opened.header!.ispg <= 630) {
        const volumes = [opened, await open(e, 1)];
        expect(opened.warnings.join()).toMatch(/volume stack of 2 volumes/);
        expectStats(mergeStats(volumes.map((v) => v.volume.stats)), wanted);
      } else {
        expectStats(opened.volume.stats, wanted);
      }
    });
  }

  it('reads the SerialEM mode-0 files as unsigned bytes 141–163 and 3pqr mode 0 as signed', async () => {
    const tardis = await open(expected['mrc/tardis/mrc3D.mrc']!);
    expect([tardis.volume.stats.min, tardis.volume.stats.max]).toEqual([141, 163]);
    const mode0 = await open(expected['mrc/ngl/3pqr-mode0.ccp4']!);
    const float = await open(expected['mrc/ngl/3pqr.ccp4.gz']!);
    expect(pearson(mode0.volume, float.volume)).toBeGreaterThan(0.9999);
  });
});

function pearson(a: OpenedVolume['volume'], b: OpenedVolume['volume']): number {
  const n = a.data.length;
  let sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
  for (let i = 0; i < n; i++) {
    const x = a.data[i]!;
    const y = b.data[i]!;
    sa += x; sb += y; saa += x * x; sbb += y * y; sab += x * y;
  }
  return (n * sab - sa * sb) / Math.sqrt((n * saa - sa * sa) * (n * sbb - sb * sb));
}

describe('permuted MAPC/MAPR/MAPS files match gemmi voxel by voxel', () => {
  const permuted = ['mrc/gemmi/5i55_tiny.ccp4', 'mrc/gemmi/iota_yzx.ccp4.gz', 'mrc/mrcfile_emdb/EMD-3001.map', 'mrc/ngl/3pqr-mode0.ccp4'];
  const dumps = new Map<string, { shape: number[]; values: number[] }>();

  beforeAll(() => {
    const dir = mkdtempSync(join(tmpdir(), 'tomopick-gemmi-'));
    const script = [
      'import gemmi, json, sys, numpy as np',
      'out = {}',
      'for path in sys.argv[2:]:',
      '    m = gemmi.read_ccp4_map(path)',
      '    m.setup(float("nan"), gemmi.MapSetup.ReorderOnly)',
      '    a = np.array(m.grid, copy=False)',
      '    out[path] = {"shape": list(a.shape), "values": a.ravel(order="F").astype(float).tolist()}',
      'json.dump(out, open(sys.argv[1], "w"))',
    ].join('\n');
    const target = join(dir, 'gemmi.json');
    execFileSync(debianPython, ['-c', script, target, ...permuted.map(referencePath)]);
    const parsed = JSON.parse(readFileSync(target, 'utf8')) as Record<string, { shape: number[]; values: number[] }>;
    for (const file of permuted) dumps.set(file, parsed[referencePath(file)]!);
  });

  for (const file of permuted) {
    it(file, async () => {
      const { volume, warnings } = await openVolume(await openAsBlob(referencePath(file)), basename(file));
      const gemmi = dumps.get(file)!;
      expect([volume.nx, volume.ny, volume.nz]).toEqual(gemmi.shape);
      expect(warnings.join()).toMatch(/reordered to x fastest/);
      for (let i = 0; i < gemmi.values.length; i++) {
        if (volume.data[i] !== Math.fround(gemmi.values[i]!)) expect(`voxel ${i}: ${volume.data[i]}`).toBe(`voxel ${i}: ${gemmi.values[i]}`);
      }
    });
  }
});
