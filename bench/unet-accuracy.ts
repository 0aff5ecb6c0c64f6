/**
 * Accuracy of the U-Net picker on the simulator's standard case (issue 5, "must show"): simulate
 * three tomograms (seeds 1, 2 → training with clean shape labels, seed 3 → test), train with
 * `tomopick train` (resumable: run it again and it goes on from the checkpoint), predict the test
 * tomogram with `tomopick predict`, score with `tomopick eval`. Every step is the CLI, so the
 * figures are what a user gets.
 *
 *   npx tsx bench/unet-accuracy.ts [--case standard-snr0.5] [--steps 1500] [--batch 2] [--preset cpu]
 *                                  [--backend wasm] [--work DIR] [--out FILE]
 * writes bench/results/unet-accuracy-<case>.json (committed) and prints the eval table.
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runTomopick } from './run-tomopick.ts';

const { values } = parseArgs({
  options: {
    case: { type: 'string', default: 'standard-snr0.5' },
    steps: { type: 'string', default: '1500' },
    batch: { type: 'string', default: '2' },
    preset: { type: 'string', default: 'cpu' },
    backend: { type: 'string', default: 'wasm' },
    work: { type: 'string' },
    out: { type: 'string' },
  },
});
const here = dirname(fileURLToPath(import.meta.url));
const work = values.work ?? join(here, '..', 'tmp-scratch', `unet-accuracy-${values.case}`);
const outPath = values.out ?? join(here, 'results', `unet-accuracy-${values.case}.json`);
mkdirSync(work, { recursive: true });

const cli = (...argv: string[]) => runTomopick('unet-accuracy', ...argv);

const sim = (seed: number) => join(work, `seed${seed}`);
for (const seed of [1, 2, 3]) {
  if (!existsSync(join(sim(seed), 'tomogram.mrc'))) await cli('simulate', '--case', values.case, '--seed', String(seed), '--out', sim(seed));
}
const model = join(work, 'model');
const trainArgs = [
  'train',
  ...[1, 2].flatMap((s) => ['--tomo', join(sim(s), 'tomogram.mrc'), '--labels', join(sim(s), 'truth.csv'), '--label-map', join(sim(s), 'labels.mrc')]),
  '--val', join(sim(3), 'tomogram.mrc'), '--val-labels', join(sim(3), 'truth.csv'), '--val-label-map', join(sim(3), 'labels.mrc'),
  '--out', model, '--steps', values.steps, '--batch', values.batch, '--preset', values.preset, '--backend', values.backend,
  '--validate-every', '150', '--checkpoint-every', '25', '--val-edge', '64',
];
const checkpoint = join(model, 'checkpoint.json');
const done = existsSync(checkpoint) && JSON.parse(readFileSync(checkpoint, 'utf8')).step >= Number(values.steps);
const trainStart = performance.now();
if (!done) await cli(...trainArgs, ...(existsSync(checkpoint) ? ['--resume'] : []));
const trainSeconds = (performance.now() - trainStart) / 1000;
// Voxel CSV: eval then needs no tomogram size. A prediction newer than the model is reused (resumable).
const picks = join(work, 'test-picks.csv');
const fresh = existsSync(picks) && statSync(picks).mtimeMs > statSync(join(model, 'weights.bin')).mtimeMs;
const predictStart = performance.now();
if (!fresh) await cli('predict', '--model', model, join(sim(3), 'tomogram.mrc'), '--out', picks, '--backend', values.backend, '--batch', '4');
const predictSeconds = fresh ? null : (performance.now() - predictStart) / 1000;
const table = await cli('eval', picks, join(sim(3), 'truth.csv'), '--voxel', '10');
const report = JSON.parse(await cli('eval', picks, join(sim(3), 'truth.csv'), '--voxel', '10', '--json'));
console.log(table);
const modelJson = JSON.parse(readFileSync(join(model, 'model.json'), 'utf8'));
writeFileSync(
  outPath,
  `${JSON.stringify(
    {
      command: `npx tsx bench/unet-accuracy.ts --case ${values.case} --steps ${values.steps} --batch ${values.batch} --preset ${values.preset} --backend ${values.backend}`,
      case: values.case,
      train: 'seeds 1, 2 (clean shape labels from labels.mrc)',
      test: 'seed 3',
      config: modelJson.config,
      steps: modelJson.provenance.steps,
      batch: Number(values.batch),
      backend: values.backend,
      trainSecondsThisSitting: Math.round(trainSeconds),
      predictSeconds: predictSeconds === null ? 'reused an earlier prediction' : Math.round(predictSeconds),
      tolerance: '0.5 × class radius (DESIGN.md §7)',
      eval: report,
    },
    null,
    2,
  )}\n`,
);
console.log(`→ ${outPath}`);
