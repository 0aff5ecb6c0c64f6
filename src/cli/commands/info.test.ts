import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../main.ts';
import { writeMrc } from '../../core/io/mrc/mrc-write.ts';
import { computeStats, type Volume } from '../../core/volume/volume.ts';

const dir = mkdtempSync(join(tmpdir(), 'tomopick-info-'));
const data = new Int8Array(4 * 4 * 2).map((_, i) => i - 10);
const volume: Volume = { nx: 4, ny: 4, nz: 2, voxelSize: [10.5, 10.5, 12], origin: [1, 2, 3], dtype: 'int8', data, stats: computeStats({ dtype: 'int8', data }) };
const mrcPath = join(dir, 'tomo.mrc');
writeFileSync(mrcPath, writeMrc(volume));
const nanData = new Float32Array([1, NaN, 3, Infinity]);
const nanPath = join(dir, 'nan.mrc');
writeFileSync(nanPath, writeMrc({ ...volume, nx: 2, ny: 2, nz: 1, dtype: 'float32', data: nanData, stats: computeStats({ dtype: 'float32', data: nanData }) }));
const truncatedPath = join(dir, 'cut.mrc');
writeFileSync(truncatedPath, writeMrc(volume).subarray(0, 1030));

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['info', ...argv], { stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe('tomopick info', () => {
  it('--json prints the DESIGN.md §7 fields', async () => {
    const { code, stdout } = await run(mrcPath, '--json');
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json).toMatchObject({ nx: 4, ny: 4, nz: 2, mode: 0, voxelSize: [10.5, 10.5, 12], origin: [1, 2, 3], min: -10, max: 21, signed: true, warnings: [], signednessRule: 'map-tag' });
    expect(json.mean).toBeCloseTo(5.5, 10);
    expect(json.rms).toBeCloseTo(computeStats(volume).rms, 10);
  });

  it('--bin 2 describes the binned volume', async () => {
    const json = JSON.parse((await run(mrcPath, '--json', '--bin', '2')).stdout);
    expect([json.nx, json.ny, json.nz, json.voxelSize, json.bin, json.dtype]).toEqual([2, 2, 1, [21, 21, 24], 2, 'float32']);
  });

  it('prints a readable summary with the signedness rule and NaN warning', async () => {
    expect((await run(mrcPath)).stdout).toMatch(/dimensions {2}4 × 4 × 2[\s\S]*signedness {2}signed bytes: 'MAP ' tag present/);
    const nan = await run(nanPath);
    expect(nan.stdout).toMatch(/non-finite {2}2 voxels/);
    expect(nan.stdout).toMatch(/warning: 2 voxels are NaN or ±Inf/);
  });

  it('reports bad files, missing files and bad flags on stderr with a non-zero exit', async () => {
    const cut = await run(truncatedPath);
    expect([cut.code, cut.stdout]).toEqual([1, '']);
    expect(cut.stderr).toMatch(/^tomopick info: cut.mrc: file has 6 bytes of data, header needs 32/);
    const missing = await run(join(dir, 'nope.mrc'));
    expect([missing.code, missing.stderr]).toEqual([1, `tomopick info: cannot open ${join(dir, 'nope.mrc')}: no such file`]);
    const directory = await run(dir);
    expect([directory.code, directory.stderr]).toEqual([1, `tomopick info: ${dir} is a directory, not a file`]);
    const badBin = await run(mrcPath, '--bin', '3');
    expect([badBin.code, badBin.stderr]).toEqual([2, 'tomopick info: --bin expects 1, 2 or 4, got "3"']);
    expect((await run()).code).toBe(2);
  });
});
