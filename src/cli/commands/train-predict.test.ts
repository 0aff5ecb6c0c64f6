import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../main.ts';
import { readCoordinates } from '../../core/io/coords/registry.ts';

const dir = mkdtempSync(join(tmpdir(), 'tomopick-train-'));
const sim = join(dir, 'sim');
const model = join(dir, 'model');

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

const tiny = ['--backend', 'cpu', '--patch', '16', '--width', '2', '--depth', '1', '--batch', '1'];

beforeAll(async () => {
  const r = await run('simulate', '--case', 'demo', '--shape', '48,48,32', '--particles', '6', '--seed', '3', '--out', sim);
  expect(r.code, r.stderr).toBe(0);
});

describe('tomopick train / predict', () => {
  it('trains with shape labels and validation, checkpoints, resumes, and predicts picks', async () => {
    const common = ['--tomo', join(sim, 'tomogram.mrc'), '--labels', join(sim, 'truth.csv'), '--label-map', join(sim, 'labels.mrc'),
      '--val', join(sim, 'tomogram.mrc'), '--val-labels', join(sim, 'truth.csv'), '--out', model, ...tiny, '--validate-every', '2', '--checkpoint-every', '1'];
    const first = await run('train', ...common, '--steps', '2');
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/tfjs backend cpu/);
    expect(first.stderr).toMatch(/validation at step 2: loss \d/);
    const json = JSON.parse(readFileSync(join(model, 'model.json'), 'utf8'));
    const truth = readCoordinates('truth.csv', new Uint8Array(readFileSync(join(sim, 'truth.csv')))).records;
    const ids = [...new Set(truth.map((r) => r.classId!))].sort();
    expect(json.config).toMatchObject({ patch: 16, baseWidth: 2, depth: 1, nClasses: Math.max(...ids) + 1 });
    expect(json.classes.map((c: { id: number }) => c.id)).toEqual(ids);
    expect(json.classes[0].name).toBe(truth.find((r) => r.classId === ids[0])!.className);
    expect(json.provenance).toMatchObject({ steps: 2, labels: 'shape', backend: 'cpu' });

    const resumed = await run('train', ...common, '--steps', '3', '--resume');
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toMatch(/resuming at step 2 of 3/);
    expect(resumed.stderr).toMatch(/step 3\/3/);
    expect(JSON.parse(readFileSync(join(model, 'checkpoint.json'), 'utf8')).step).toBe(3);

    const picks = join(dir, 'picks.star');
    const predicted = await run('predict', '--model', model, join(sim, 'tomogram.mrc'), '--out', picks, '--backend', 'cpu', '--overlap', '4', '--probabilities', join(dir, 'p.mrc'));
    expect(predicted.code, predicted.stderr).toBe(0);
    expect(predicted.stdout).toMatch(/tomogram\.mrc: \d+ picks/);
    const { records } = readCoordinates('picks.star', new Uint8Array(readFileSync(picks)), { voxelSize: 10, tomoSize: [48, 48, 32] });
    for (const r of records) {
      expect(r.classId).toBeGreaterThanOrEqual(1);
      expect(r.score).toBeGreaterThan(0);
    }
    expect(existsSync(join(dir, `p_${json.classes[0].name}.mrc`))).toBe(true);
  });

  it('trains with sphere labels from the radius column', async () => {
    const out = join(dir, 'spheres');
    const r = await run('train', '--tomo', join(sim, 'tomogram.mrc'), '--labels', join(sim, 'truth.csv'), '--out', out, ...tiny, '--steps', '1', '--ce-average', 'classes');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/loss Dice over all classes \+ 1 × cross-entropy over classes\n/);
    expect(JSON.parse(readFileSync(join(out, 'model.json'), 'utf8')).provenance.labels).toBe('sphere');
  });

  it('trains a RobPicker mode on noisy picks with a clean validation tomogram, resumes it, and fine-tunes from a model', async () => {
    const out = join(dir, 'robpicker');
    const tomo = join(sim, 'tomogram.mrc');
    const common = ['--tomo', tomo, '--labels', join(sim, 'noisy.csv'), '--val', tomo, '--val-labels', join(sim, 'truth.csv'), '--val-label-map', join(sim, 'labels.mrc'),
      ...tiny, '--batch', '2', '--val-batch', '1', '--validate-every', '0', '--checkpoint-every', '1'];
    const first = await run('train', ...common, '--out', out, '--steps', '2', '--mode', 'robpicker', '--meta-every', '2');
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/mode robpicker \(meta update every 2 step\(s\), 1 clean patches each\)/);
    expect(first.stderr).toMatch(/clean patches each\), loss Dice over all classes\n/);
    expect(first.stderr).toMatch(/step 1\/2 .*\| val \d\.\d+ α \d\.\d+ weights /);
    const checkpoint = JSON.parse(readFileSync(join(out, 'checkpoint.json'), 'utf8'));
    expect(checkpoint).toMatchObject({ step: 2, mode: 'robpicker', diceClasses: 'all', crossEntropyWeight: 0 });
    expect(checkpoint).not.toHaveProperty('crossEntropyAveraging'); // nothing to average at weight 0: a resume may name any
    expect(checkpoint.optimizerIndex.map((e: { name: string }) => e.name)).toEqual(expect.arrayContaining(['meta/lc.alpha.b', 'meta/dr.out.w', 'meta/lc-opt/step']));
    expect(JSON.parse(readFileSync(join(out, 'model.json'), 'utf8')).provenance.mode).toBe('robpicker');

    const resumed = await run('train', ...common, '--out', out, '--steps', '3', '--mode', 'robpicker', '--resume');
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toMatch(/resuming at step 2 of 3/);
    const otherMode = await run('train', ...common, '--out', out, '--steps', '4', '--mode', 'dr-only', '--resume');
    expect(otherMode.stderr).toMatch(/trained in mode robpicker; resume it in that mode/);

    const fixes = join(dir, 'fixes.csv');
    const suggested = await run('suggest', '--model', out, tomo, '--labels', join(sim, 'noisy.csv'), '--out', fixes, '--backend', 'cpu', '--overlap', '4');
    expect(suggested.code, suggested.stderr).toBe(0);
    expect(suggested.stdout).toMatch(/tomogram\.mrc: \d+ suggestions \(\d+ add, \d+ remove, \d+ relabel at confidence ≥ 0\.5\)/);
    const rows = readFileSync(fixes, 'utf8').trim().split('\n');
    expect(rows[0]).toBe('kind,x,y,z,class,class_name,from_class,pick_index,confidence,voxels');
    for (const row of rows.slice(1)) expect(row).toMatch(/^(add|remove|relabel),/);
    const withoutMeta = join(dir, 'without-meta');
    cpSync(out, withoutMeta, { recursive: true });
    rmSync(join(withoutMeta, 'optimizer.bin'));
    const noMeta = await run('suggest', '--model', withoutMeta, tomo, '--labels', join(sim, 'noisy.csv'), '--out', fixes, '--backend', 'cpu');
    expect(noMeta).toMatchObject({ code: 2, stderr: expect.stringMatching(/optimizer\.bin is missing.*label-correction and reweighting networks/) });
    const supervisedModel = await run('suggest', '--model', model, tomo, '--labels', join(sim, 'noisy.csv'), '--out', fixes, '--backend', 'cpu');
    expect(supervisedModel.stderr).toMatch(/trained in mode supervised: it has no label-correction network/);

    const tuned = await run('train', ...common, '--out', join(dir, 'tuned'), '--steps', '1', '--mode', 'lc-only', '--init', out, '--dice', 'present', '--ce-weight', '1', '--ce-average', 'classes');
    expect(tuned.code, tuned.stderr).toBe(0);
    expect(tuned.stderr).toMatch(/loss Dice over present classes \+ 1 × cross-entropy over classes\n/);
    expect(JSON.parse(readFileSync(join(dir, 'tuned', 'checkpoint.json'), 'utf8'))).toMatchObject({
      step: 1, mode: 'lc-only', diceClasses: 'present', crossEntropyWeight: 1, crossEntropyAveraging: 'classes',
    });
    const otherLoss = await run('train', ...common, '--out', join(dir, 'tuned'), '--steps', '2', '--mode', 'lc-only', '--resume', '--dice', 'present');
    expect(otherLoss.stderr).toMatch(/trained with Dice over present classes \+ 1 × cross-entropy over classes; resume it with the same loss \(asked: Dice over present classes\)/);
    expect((await run('train', ...common, '--out', join(dir, 'bad'), '--steps', '1', '--dice', 'some')).stderr).toMatch(/--dice expects all or present, got "some"/);
    expect((await run('train', ...common, '--out', join(dir, 'bad'), '--steps', '1', '--ce-average', 'pixels')).stderr).toMatch(/--ce-average expects voxels or classes, got "pixels"/);

    // The clean set's shape labels from the subtomogram averages of its picks (no label map).
    const averaged = await run('train', '--tomo', tomo, '--labels', join(sim, 'noisy.csv'), '--val', tomo, '--val-labels', join(sim, 'truth.csv'), '--val-shapes-from-average',
      ...tiny, '--batch', '2', '--val-batch', '1', '--validate-every', '1', '--out', join(dir, 'averaged'), '--steps', '1', '--mode', 'dr-only');
    expect(averaged.code, averaged.stderr).toBe(0);
    expect(averaged.stderr).toMatch(/validation at step 1: loss \d/);
    expect(averaged.stderr).toMatch(/train: averaging the picks of .*tomogram\.mrc for shape labels 100%/);
    // …aligned in rotation too (implies the averaging), with its progress.
    const aligned = await run('train', '--tomo', tomo, '--labels', join(sim, 'noisy.csv'), '--val', tomo, '--val-labels', join(sim, 'truth.csv'), '--val-shapes-rotations',
      ...tiny, '--batch', '2', '--val-batch', '1', '--validate-every', '0', '--out', join(dir, 'aligned'), '--steps', '1', '--mode', 'dr-only');
    expect(aligned.code, aligned.stderr).toBe(0);
    expect(aligned.stderr).toMatch(/train: aligning the picks of .*tomogram\.mrc for shape labels 0%[\s\S]*100%/);
  });

  it('calibrates a score threshold per class on clean picks, stores it in the model, and predict applies it', async () => {
    const calibrated = join(dir, 'calibrated');
    cpSync(model, calibrated, { recursive: true });
    const classes = (JSON.parse(readFileSync(join(calibrated, 'model.json'), 'utf8')) as { classes: { id: number; name: string }[] }).classes;
    // Per class: three particles picked at score 0.95, and five noise picks at 0.1–0.3 far from any.
    const truthRows: string[] = [];
    const pickRows: string[] = [];
    classes.forEach((c, k) => {
      for (let i = 0; i < 3; i++) {
        truthRows.push(`${100 * k},${100 * i},0,${c.id}`);
        pickRows.push(`${100 * k + 0.5},${100 * i},0,${c.id},0.95`);
      }
      for (let i = 0; i < 5; i++) pickRows.push(`${100 * k},${1000 + 100 * i},0,${c.id},${0.1 + 0.05 * i}`);
    });
    const truthFile = join(dir, 'clean.csv');
    const picksFile = join(dir, 'clean-picks.csv');
    writeFileSync(truthFile, `x,y,z,class\n${truthRows.join('\n')}\n`);
    writeFileSync(picksFile, `x,y,z,class,score\n${pickRows.join('\n')}\n`);

    const dry = await run('calibrate', '--model', calibrated, picksFile, truthFile, '--dry-run');
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/min score[\s\S]*0\.950 +3 +3\/8 +0\.545 +1\.000[\s\S]*dry run/);
    expect(JSON.parse(readFileSync(join(calibrated, 'model.json'), 'utf8')).classes[0].minScore).toBeUndefined();

    const stored = await run('calibrate', '--model', calibrated, picksFile, truthFile, '--json');
    expect(stored.code, stored.stderr).toBe(0);
    const json = JSON.parse(readFileSync(join(calibrated, 'model.json'), 'utf8'));
    expect(json.classes.map((c: { minScore: number }) => c.minScore)).toEqual(classes.map(() => 0.95));
    // Recorded under the tomogram the truth names (a CSV without a tomogram column: its file's stem).
    expect(json.provenance.calibration).toMatchObject({ tomogram: 'clean', classes: classes.map((c) => ({ id: c.id, minScore: 0.95, nTruth: 3, f1After: 1 })) });

    const tomo = join(sim, 'tomogram.mrc');
    const stderr: string[] = [];
    const predict = async (name: string, ...extra: string[]) => {
      const out = join(dir, name);
      const r = await run('predict', '--model', calibrated, tomo, '--out', out, '--backend', 'cpu', '--overlap', '4', ...extra);
      expect(r.code, r.stderr).toBe(0);
      stderr.push(r.stderr);
      return readCoordinates(name, new Uint8Array(readFileSync(out))).records;
    };
    const all = await predict('all.csv', '--min-score', '0');
    const cut = await predict('cut.csv');
    expect(stderr[0]).not.toMatch(/score thresholds/);
    expect(stderr[1]).toMatch(new RegExp(`score thresholds calibrated on clean: ${classes[0]!.name} ≥ 0\\.950`));
    expect(cut.every((r) => r.score! >= 0.95)).toBe(true);
    expect(cut.length).toBe(all.filter((r) => r.score! >= 0.95).length);
    expect(all.some((r) => r.score! < 0.95)).toBe(true); // the cut had something to drop

    expect((await run('calibrate', '--model', calibrated, truthFile, truthFile)).stderr).toMatch(/row 1 has no score/);
  });

  it('explains bad input', async () => {
    const tomo = join(sim, 'tomogram.mrc');
    expect((await run('train', '--tomo', tomo, '--out', model)).stderr).toMatch(/1 --tomo but 0 --labels/);
    const noClass = join(dir, 'noclass.csv');
    writeFileSync(noClass, 'x,y,z\n10,10,10\n');
    expect((await run('train', '--tomo', tomo, '--labels', noClass, '--out', join(dir, 'x'), ...tiny)).stderr).toMatch(/row 1 has no class number/);
    expect((await run('train', '--tomo', tomo, '--labels', join(sim, 'truth.csv'), '--out', join(dir, 'y'), ...tiny, '--resume')).stderr).toMatch(/no checkpoint/);
    expect((await run('predict', '--model', join(dir, 'nope'), tomo, '--out', join(dir, 'a.star'))).stderr).toMatch(/no model\.json \+ weights\.bin there/);
    const labels = ['--labels', join(sim, 'truth.csv')];
    expect((await run('train', '--tomo', tomo, ...labels, '--out', join(dir, 'z'), ...tiny, '--mode', 'robpicker')).stderr).toMatch(/needs a clean validation tomogram/);
    expect((await run('train', '--tomo', tomo, ...labels, '--out', join(dir, 'z'), ...tiny, '--mode', 'meta')).stderr).toMatch(/--mode expects supervised, dr-only, lc-only, robpicker/);
    const val = ['--val', tomo, '--val-labels', join(sim, 'truth.csv')];
    expect((await run('train', '--tomo', tomo, ...labels, ...val, '--out', join(dir, 'z'), ...tiny, '--mode', 'dr-only')).stderr).toMatch(/use a batch of 4 or more \(got 1\)/);
  });
});
