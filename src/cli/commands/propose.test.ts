import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../main.ts';
import { readCoordinates } from '../../core/io/coords/registry.ts';
import { writeMrc } from '../../core/io/mrc/mrc-write.ts';
import { ballVolume } from '../../core/proposals/test-volumes.ts';
import { computeStats } from '../../core/volume/volume.ts';

const dir = mkdtempSync(join(tmpdir(), 'tomopick-propose-'));
const balls = [
  { x: 10, y: 10, z: 16, diameter: 8, contrast: -1 },
  { x: 22, y: 24, z: 15, diameter: 8, contrast: -1 },
];
const volume = ballVolume([32, 32, 32], balls, 0.3, 2);
const tomoPath = join(dir, 'tomo.mrc');
writeFileSync(tomoPath, writeMrc(volume));
const maskData = new Float32Array(32 * 32 * 32).map((_, i) => (i % 32 < 16 ? 0 : 1));
const maskPath = join(dir, 'mask.mrc');
writeFileSync(maskPath, writeMrc({ ...volume, data: maskData, stats: computeStats({ dtype: 'float32', data: maskData }) }));

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['propose', ...argv], { stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe('tomopick propose', () => {
  it('writes CSV with score and diameter columns, strongest first', async () => {
    const out = join(dir, 'picks.csv');
    const { code } = await run(tomoPath, '--diameter', '60,100', '--top-k', '2', '--mask', 'none', '--out', out);
    expect(code).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text.split('\n')[0]).toMatch(/^x,y,z,class,score,tomogram,diameter$/);
    const { records } = readCoordinates('picks.csv', new TextEncoder().encode(text));
    expect(records).toHaveLength(2);
    for (const r of records) expect(Math.min(...balls.map((b) => Math.hypot(r.x - b.x, r.y - b.y, r.z - b.z)))).toBeLessThanOrEqual(1);
    expect(records[0]!.score!).toBeGreaterThanOrEqual(records[1]!.score!);
    expect(Number(records[0]!.extra!.diameter)).toBeGreaterThan(55);
  });

  it('ranks by compactness by default (--no-compactness: plain LoG): the balls are still found, scores at most the plain LoG', async () => {
    type Output = { proposals: { x: number; y: number; z: number; score: number; logBest: number; compactness: number }[] };
    const propose = async (...flags: string[]) => {
      const { code, stdout } = await run(tomoPath, '--diameter', '60,100', '--top-k', '2', '--mask', 'none', '--json', ...flags);
      expect(code).toBe(0);
      return (JSON.parse(stdout) as Output).proposals;
    };
    const plain = await propose('--no-compactness');
    const weighted = await propose();
    expect(await propose('--compactness')).toEqual(weighted);
    expect(plain.every((p) => p.compactness === 1 && p.score === p.logBest)).toBe(true);
    expect(weighted.every((p) => p.compactness > 0 && p.compactness !== 1)).toBe(true);
    expect(weighted).toHaveLength(2);
    for (const r of weighted) expect(Math.min(...balls.map((b) => Math.hypot(r.x - b.x, r.y - b.y, r.z - b.z)))).toBeLessThanOrEqual(1);
    expect(Math.max(...weighted.map((r) => r.score))).toBeLessThanOrEqual(Math.max(...plain.map((r) => r.score)) + 1e-6);
  });

  it("finds the balls with either candidate source (--candidates projection: UPicker's maxima of the best response)", async () => {
    for (const source of ['scale-space', 'projection']) {
      const { code, stdout } = await run(tomoPath, '--diameter', '60,100', '--top-k', '2', '--mask', 'none', '--candidates', source, '--json');
      expect(code).toBe(0);
      const { proposals } = JSON.parse(stdout) as { proposals: { x: number; y: number; z: number }[] };
      expect(proposals).toHaveLength(2);
      for (const r of proposals) expect(Math.min(...balls.map((b) => Math.hypot(r.x - b.x, r.y - b.y, r.z - b.z)))).toBeLessThanOrEqual(1);
    }
  });

  it('writes RELION 5 STAR and prints JSON; a mask file removes picks', async () => {
    const out = join(dir, 'picks.star');
    const { code, stdout } = await run(tomoPath, '--diameter', '60,100', '--top-k', '2', '--mask', maskPath, '--out', out, '--json');
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.scalesAngstrom).toHaveLength(11);
    expect(json.proposals.every((p: { x: number }) => p.x >= 16)).toBe(true);
    const { format, records } = readCoordinates('picks.star', new Uint8Array(readFileSync(out)), { tomoSize: [32, 32, 32], voxelSize: 10 });
    expect(format).toBe('relion5');
    expect(records).toHaveLength(json.proposals.length);
    records.forEach((r, i) => expect(r.x).toBeCloseTo(json.proposals[i].x, 2));
  });

  it('filters on worker threads by default and gives the same proposals on one thread (--threads 1)', async () => {
    const pooled = JSON.parse((await run(tomoPath, '--diameter', '60,100', '--top-k', '2', '--mask', 'none', '--threads', '2', '--backend', 'cpu', '--json')).stdout);
    const single = JSON.parse((await run(tomoPath, '--diameter', '60,100', '--top-k', '2', '--mask', 'none', '--threads', '1', '--backend', 'cpu', '--json')).stdout);
    expect(pooled.bank).toBe('cpu-fourier×2');
    expect(single.bank).toBe('cpu-fourier');
    expect(pooled.proposals).toEqual(single.proposals);
  });

  it('explains bad input', async () => {
    expect(await run(tomoPath, '--diameter', '60,100', '--threads', '0')).toMatchObject({ code: 2, stderr: expect.stringMatching(/--threads expects a positive integer/) });
    expect(await run(tomoPath)).toMatchObject({ code: 2, stderr: expect.stringMatching(/--diameter MIN,MAX \(Å\) is required/) });
    expect(await run(tomoPath, '--diameter', '100,60')).toMatchObject({ code: 2, stderr: expect.stringMatching(/MIN \(100\) is larger than MAX/) });
    expect(await run(tomoPath, '--diameter', '60,100', '--polarity', 'grey')).toMatchObject({ code: 2 });
    expect(await run(tomoPath, '--diameter', '60,100', '--candidates', 'peaks')).toMatchObject({ code: 2, stderr: expect.stringMatching(/--candidates expects scale-space or projection/) });
    expect(await run(tomoPath, '--diameter', '60,100', '--out', 'x.txt')).toMatchObject({ code: 2, stderr: expect.stringMatching(/unknown extension/) });
    expect(await run(join(dir, 'none.mrc'), '--diameter', '60,100')).toMatchObject({ code: 1, stderr: expect.stringMatching(/no such file/) });
  });
});
