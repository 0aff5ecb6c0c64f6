import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCoordinates } from '../../core/io/coords/registry.ts';
import { readMrc } from '../../core/io/mrc/mrc-read.ts';
import type { CliIO } from '../command.ts';
import { CliError } from '../command.ts';
import { buildConfig, parseNoisyLabelSpec, simulateCommand } from './simulate.ts';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tomopick-simulate-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function capture(): CliIO & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => out.push(t), stderr: (t) => err.push(t) };
}

const SMALL = ['--shape', '64,64,32', '--voxel', '20', '--particles', '20'];

async function readVolume(path: string) {
  return (await readMrc(new Blob([readFileSync(path)]))).volume;
}

describe('tomopick simulate', () => {
  const out = tempDir();
  const io = capture();
  const run = simulateCommand.run(['--out', out, '--case', 'standard-snr0.1', '--seed', '7', ...SMALL], io);

  it('writes tomogram, labels, truth, noisy labels and a summary', async () => {
    expect(await run).toBe(0);
    expect(io.out.join('\n')).toMatch(/standard-snr0.1: 64×64×32 at 20 Å, seed 7, 20 particles/);
    expect(io.err.some((l) => /simulate: \d+% missing wedge and CTF/.test(l))).toBe(true);

    const tomogram = await readVolume(join(out, 'tomogram.mrc'));
    expect([tomogram.nx, tomogram.ny, tomogram.nz, tomogram.dtype]).toEqual([64, 64, 32, 'float32']);
    expect(tomogram.voxelSize).toEqual([20, 20, 20]);
    expect(tomogram.stats.mean).toBeCloseTo(0, 4);
    expect(tomogram.stats.rms).toBeCloseTo(1, 4);

    const labels = await readVolume(join(out, 'labels.mrc'));
    expect(labels.dtype).toBe('int8');
    expect(new Set(labels.data)).toEqual(new Set([0, 1, 2, 3, 4]));

    const summary = JSON.parse(readFileSync(join(out, 'simulation.json'), 'utf8'));
    expect(summary.seed).toBe(7);
    expect(summary.config.snr).toBe(0.1);
    expect(summary.classes.map((c: { name: string }) => c.name)).toEqual(['ribosome', 'proteasome', 'lobed', 'tiny']);
    expect(summary.files).toEqual(['tomogram.mrc', 'labels.mrc', 'truth.csv', 'truth.star', 'noisy.csv', 'simulation.json']);
    expect(summary.particles).toHaveLength(20);

    const csv = readCoordinates('truth.csv', readFileSync(join(out, 'truth.csv')));
    const star = readCoordinates('truth.star', readFileSync(join(out, 'truth.star')), { tomoSize: [64, 64, 32], voxelSize: 20 });
    expect(csv.records).toHaveLength(20);
    expect(star.records).toHaveLength(20);
    csv.records.forEach((r, i) => {
      const p = summary.particles[i];
      expect(r.x).toBeCloseTo(p.x, 3);
      expect(r.classId).toBe(p.classId);
      expect(star.records[i]!.x).toBeCloseTo(p.x, 3);
      expect(star.records[i]!.z).toBeCloseTo(p.z, 3);
      expect(star.records[i]!.angles![1]).toBeCloseTo(p.relionAngles[1], 3);
    });

    const noisy = readFileSync(join(out, 'noisy.csv'), 'utf8').trim().split('\n');
    const header = noisy[0]!.split(',');
    expect(header).toContain('spurious');
    expect(header).toContain('truth_index');
    const spuriousColumn = header.indexOf('spurious');
    const rows = noisy.slice(1).map((l) => l.split(','));
    expect(rows).toHaveLength(summary.noisyLabels.count);
    expect(rows.filter((r) => r[spuriousColumn] === '1')).toHaveLength(summary.noisyLabels.spuriousRecordIndices.length);
    expect(summary.noisyLabels.droppedTruthIndices).toHaveLength(6);
  });

  it('is deterministic by seed (same voxels, same truth)', async () => {
    await run;
    const again = tempDir();
    expect(await simulateCommand.run(['--out', again, '--case', 'standard-snr0.1', '--seed', '7', ...SMALL], capture())).toBe(0);
    // Skip the 1024-byte header: its label holds the date.
    expect(readFileSync(join(again, 'tomogram.mrc')).subarray(1024).equals(readFileSync(join(out, 'tomogram.mrc')).subarray(1024))).toBe(true);
    expect(readFileSync(join(again, 'truth.csv'), 'utf8')).toBe(readFileSync(join(out, 'truth.csv'), 'utf8'));
  });

  it('leaves out noisy.csv with --noisy-labels none', async () => {
    const dir = tempDir();
    expect(await simulateCommand.run(['--out', dir, '--noisy-labels', 'none', ...SMALL], capture())).toBe(0);
    const summary = JSON.parse(readFileSync(join(dir, 'simulation.json'), 'utf8'));
    expect(summary.files).not.toContain('noisy.csv');
    expect(summary.noisyLabels).toBeNull();
  });
});

describe('simulate options', () => {
  it('applies overrides and scales the particle count with the physical volume', () => {
    const config = buildConfig({ case: 'standard-snr0.5', shape: '128,128,64', snr: 'none', wedge: '45', seed: '3' });
    expect(config.particleCount).toBe(Math.round(300 / 8));
    expect(config.snr).toBeNull();
    expect(config.wedgeDegrees).toBe(45);
    expect(config.seed).toBe(3);
    expect(buildConfig({ case: 'standard-snr0.5', voxel: '20', shape: '128,128,64' }).particleCount).toBe(300);
  });

  it("sets species abundances in the case's order (--abundance)", () => {
    const config = buildConfig({ case: 'standard-snr0.5', abundance: '9,6,4,6' });
    expect(config.species.map((s) => [s.name, s.abundance])).toEqual([
      ['ribosome', 9],
      ['proteasome', 6],
      ['lobed', 4],
      ['tiny', 6],
    ]);
    expect(() => buildConfig({ case: 'standard-snr0.5', abundance: '1,1,1' })).toThrow(/--abundance \(ribosome, proteasome, lobed, tiny\) expects 4/);
    expect(() => buildConfig({ case: 'standard-snr0.5', abundance: '0,0,0,0' })).toThrow(/not all zero/);
  });

  it('parses noisy-label specs, filling unset keys with the standard values', () => {
    expect(parseNoisyLabelSpec('drop=0.5')).toEqual({ dropFraction: 0.5, spuriousFraction: 0.1, jitterVoxels: 1.5 });
    expect(parseNoisyLabelSpec('none')).toBeNull();
    expect(() => parseNoisyLabelSpec('drop=2')).toThrow(/drop must be ≤ 1/);
    expect(() => parseNoisyLabelSpec('lose=0.1')).toThrow(/drop=F,spurious=F,jitter=VOXELS/);
  });

  it.each([
    [['--case', 'nope'], /unknown --case "nope" \(one of demo/],
    [['--snr=-1'], /--snr expects a positive number/],
    [['--wedge', '100'], /--wedge is the maximum tilt/],
    [['--shape', '64,64'], /--shape expects 3 comma-separated numbers/],
    [['--seed', '1.5'], /--seed expects an integer/],
  ])('rejects %j with a clear usage error', async (args, message) => {
    const error = await simulateCommand.run(['--out', tempDir(), ...args], capture()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(2);
    expect((error as CliError).message).toMatch(message);
  });

  it('requires --out and turns an impossible config into a usage error', async () => {
    await expect(simulateCommand.run([], capture())).rejects.toThrow(/--out DIR is required/);
    await expect(simulateCommand.run(['--out', tempDir(), '--voxel', '50', '--shape', '16,16,16'], capture())).rejects.toThrow(
      /species "lobed" is 2.0 voxels across; at least 3 are needed/,
    );
  });
});
