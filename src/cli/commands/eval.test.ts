import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../main.ts';

const dir = mkdtempSync(join(tmpdir(), 'tomopick-eval-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['eval', ...argv], { stdout: (t) => (stdout += `${t}\n`), stderr: (t) => (stderr += `${t}\n`) });
  return { code, stdout, stderr };
}

// Radii in Å at 10 Å/voxel: class 1 is 10 voxels (tolerance 5), class 2 is 20 voxels (tolerance 10).
const truth = file(
  'truth.csv',
  'x,y,z,class,radius\n0,50,50,1,100\n100,50,50,1,100\n200,50,50,1,100\n300,50,50,1,100\n400,50,50,1,100\n500,50,50,2,200\n',
);
const pred = file(
  'pred.csv',
  [
    'x,y,z,class,score',
    '4.9,50,50,1,0.9', // 4.9 from truth 0: inside tolerance 5 → TP
    '-1,50,50,1,0.8', // second prediction on truth 0 → FP
    '105.1,50,50,1,0.7', // 5.1 from truth 100: just outside → FP, truth 100 is a FN
    '302,50,50,1,0.6', // TP
    '200,50,50,2,0.5', // on truth 200 but class 2 → FP (class 2), truth 200 is a FN
    '508,50,50,2,0.4', // 8 from truth 500, inside class 2's tolerance 10 → TP
  ].join('\n'),
);

describe('tomopick eval', () => {
  it('reports hand-computed per-class, overall and macro scores as JSON', async () => {
    const { code, stdout, stderr } = await run(pred, truth, '--voxel', '10', '--json');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      classes: [
        { class: 1, name: null, nTruth: 5, nPred: 4, tp: 2, fp: 2, fn: 3, precision: 0.5, recall: 0.4, f1: 4 / 9, fbeta: 34 / 84 },
        { class: 2, name: null, nTruth: 1, nPred: 2, tp: 1, fp: 1, fn: 0, precision: 0.5, recall: 1, f1: 2 / 3, fbeta: 17 / 18 },
      ],
      overall: { class: null, name: null, nTruth: 6, nPred: 6, tp: 3, fp: 3, fn: 3, precision: 0.5, recall: 0.5, f1: 0.5, fbeta: 0.5 },
      macroF1: (4 / 9 + 2 / 3) / 2,
      // Matched with classes ignored: the class-2 pick on truth 200 now finds it, and the closer
      // of the two picks on truth 0 takes it.
      confusion: { counts: [[2, 1], [0, 1]], missed: [2, 0], unmatched: [2, 0] },
    });
  });

  it('changes with the radius factor, beta and class-agnostic matching', async () => {
    const wider = JSON.parse((await run(pred, truth, '--voxel', '10', '--radius-factor', '0.52', '--json')).stdout);
    expect(wider.classes[0]).toMatchObject({ tp: 3, fp: 1, fn: 2 }); // 5.1 < 0.52 × 10
    const f1Only = JSON.parse((await run(pred, truth, '--voxel', '10', '--beta', '1', '--json')).stdout);
    expect(f1Only.classes[0].fbeta).toBe(4 / 9);
    const agnostic = JSON.parse((await run(pred, truth, '--voxel', '10', '--class-agnostic', '--json')).stdout);
    expect(agnostic.classes).toHaveLength(1);
    expect(agnostic.overall).toMatchObject({ tp: 4, fp: 2, fn: 2 }); // the class-2 pick on truth 200 now counts
  });

  it('takes one radius for all classes from --radius-voxels or --radius with --voxel', async () => {
    const voxels = JSON.parse((await run(pred, truth, '--radius-voxels', '20', '--json')).stdout);
    expect(voxels.classes[0]).toMatchObject({ tp: 3, fp: 1 });
    const angstrom = JSON.parse((await run(pred, truth, '--radius', '200', '--voxel', '10', '--json')).stdout);
    expect(angstrom.classes).toEqual(voxels.classes);
  });

  it('prints an aligned table for people', async () => {
    const { code, stdout } = await run(pred, truth, '--voxel', '10');
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('pred.csv vs truth.csv: tolerance 0.5 × radius, by class number');
    expect(lines[2]).toMatch(/^class\s+name\s+truth\s+pred\s+tp\s+fp\s+fn\s+precision\s+recall\s+F1\s+F4$/);
    expect(lines[4]).toMatch(/^1\s+5\s+4\s+2\s+2\s+3\s+0\.500\s+0\.400\s+0\.444\s+0\.405$/);
    expect(lines[7]).toMatch(/^overall\s+6\s+6\s+3\s+3\s+3\s+0\.500/);
    expect(lines.at(-1)).toBe('macro F1: 0.556');
  });

  it('prints what each true class was picked as with --confusion', async () => {
    const { code, stdout } = await run(pred, truth, '--voxel', '10', '--confusion');
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    const start = lines.indexOf('matched with classes ignored, same tolerance:');
    expect(start).toBeGreaterThan(0);
    expect(lines.slice(start + 1)).toEqual([
      expect.stringMatching(/^true \\ picked as\s+1\s+2\s+missed$/),
      expect.stringMatching(/^1\s+2\s+1\s+2$/),
      expect.stringMatching(/^2\s+0\s+1\s+0$/),
      expect.stringMatching(/^no particle\s+2\s+0$/),
    ]);
    expect((await run(pred, truth, '--voxel', '10')).stdout).not.toContain('picked as');
  });

  it('reports null precision without predictions', async () => {
    const empty = file('empty.csv', 'x,y,z,class\n');
    const { code, stdout } = await run(empty, truth, '--voxel', '10', '--json');
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.overall).toMatchObject({ nPred: 0, tp: 0, fn: 6, precision: null, recall: 0, f1: 0, fbeta: 0 });
    expect(json.macroF1).toBe(0);
  });

  it('matches per tomogram when the files hold several', async () => {
    const t = file('t2.csv', 'x,y,z,tomogram\n10,10,10,TS_01\n10,10,10,TS_02\n');
    const p = file('p2.csv', 'x,y,z,tomogram\n10,10,11,TS_01.mrc\n10,10,10,TS_03\n');
    const { stdout, stderr } = await run(p, t, '--radius-voxels', '4', '--json');
    expect(JSON.parse(stdout).overall).toMatchObject({ tp: 1, fp: 1, fn: 1 });
    expect(stderr).toContain('tomograms only in p2.csv (all false positives): TS_03');
    expect(stderr).toContain('tomograms only in t2.csv (all misses): TS_02');
    const one = JSON.parse((await run(p, t, '--radius-voxels', '4', '--tomo-name', 'TS_01', '--json')).stdout);
    expect(one.overall).toMatchObject({ nTruth: 1, nPred: 1, tp: 1 });
  });

  it('fails with specific messages on bad input', async () => {
    const noVoxel = await run(pred, truth);
    expect(noVoxel.code).toBe(2);
    expect(noVoxel.stderr).toMatch(/radius column in Å: give the voxel size with --voxel/);
    const noRadius = await run(file('bare.csv', 'x,y,z\n1,2,3\n'), file('bare2.csv', 'x,y,z\n1,2,3\n'));
    expect(noRadius.code).toBe(1);
    expect(noRadius.stderr).toMatch(/no particle radius for the picks/);
    expect((await run(pred, truth, '--radius', '100')).stderr).toMatch(/--radius is in Å and needs the voxel size/);
    expect((await run(pred, truth, '--radius', '100', '--radius-voxels', '3')).stderr).toMatch(/either --radius .* or --radius-voxels/);
    expect((await run(pred, truth, '--beta=0')).stderr).toMatch(/--beta expects a positive number/);
    expect((await run(pred)).code).toBe(2);
    const missing = await run(join(dir, 'nope.csv'), truth, '--voxel', '10');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/cannot open .*nope\.csv: no such file/);
    const mixed = await run(file('noclass.csv', 'x,y,z\n0,50,50\n'), truth, '--voxel', '10');
    expect(mixed.stderr).toMatch(/cannot pair classes: predictions: 1 of 1 picks have no class/);
  });
});
