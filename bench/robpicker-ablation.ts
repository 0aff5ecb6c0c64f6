/**
 * RobPicker's ablation on the simulator (issue 6, "must show"): training labels are the noisy
 * sphere labels of the standard case (30 % of particles dropped, 10 % spurious picks, 1.5-voxel
 * jitter; the `tiny` species is rare and small), validation = one tomogram with clean shape
 * labels, test = a held-out tomogram. For each seed: a shared supervised warm-up on the noisy
 * labels, then the same number of steps in each mode (`supervised`, `dr-only`, `lc-only`,
 * `robpicker`) from that warm-up, on the same patch stream. Every step is the CLI
 * (`tomopick train/predict/eval`), so the figures are what a user gets.
 *
 * Resumable at every level (simulations, warm-ups, branches, predictions and evaluations are
 * skipped when present, training resumes from its checkpoint), so the runs can be spread over
 * several sittings and split across processes. The simulated tomograms are regenerated from their
 * seeds in tmp-scratch; the runs themselves (checkpoints, test picks, eval.json, under 1 MB each)
 * live in bench/results/robpicker-ablation-<case>/ and are committed at every stop, because only
 * what is committed survives from one sitting to the next:
 *   npx tsx bench/robpicker-ablation.ts --seeds 1 --modes supervised,robpicker   # one process
 *   npx tsx bench/robpicker-ablation.ts --seeds 1 --modes dr-only,lc-only        # another
 *   npx tsx bench/robpicker-ablation.ts --report                                 # table + JSON
 * A branch waits for its seed's warm-up when another process is training it. The warm-up itself is
 * tested too (the row every mode starts from: what the extra steps of each mode add or lose).
 * `--dice present` runs the whole protocol with the Dice loss over the classes present in each patch
 * (src/ml/losses/dice.ts); `--train-tomograms N` trains on N tomograms (seeds 1, 4, 5, …), so a
 * rare species has N times the examples while staying rare. Each variant has its own runs folder,
 * robpicker-ablation-<case>[-dice-present][-ce<W>-<averaging>][-trainN]/, and table; the simulations are
 * shared. `--ce-weight W --ce-average voxels|classes` adds cross-entropy to the loss of every mode and
 * of the warm-up (both levels of the meta modes), so they still compare like with like.
 * `--case rare-snr0.5` asks the rare-class question on a rare species without a look-alike
 * (src/core/sim/README.md); its warm-ups segment that species as `lobed` too (src/ml/meta/README.md).
 * Writes bench/results/robpicker-ablation-<variant>.json (committed).
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ablationRunDir, ablationRunsDir, ablationWorkDir, simulationDir, trainingSeeds } from './robpicker-ablation-paths.ts';
import { runTomopick } from './run-tomopick.ts';
import { CROSS_ENTROPY_AVERAGING, type CrossEntropyAveraging } from '../src/ml/losses/cross-entropy.ts';
import { DICE_CLASSES, DICE_SMOOTHING, type DiceClasses } from '../src/ml/losses/dice.ts';
import { describeLoss, type LossOptions } from '../src/ml/losses/segmentation-loss.ts';
import { DEFAULT_META_LEARNING_RATE, META_MODES, type MetaMode } from '../src/ml/meta/meta-learner.ts';
import { parseModelJson, scoreCutOfClass } from '../src/ml/io/model-format.ts';
import { readCoordinates, writeCoordinates } from '../src/core/io/coords/registry.ts';

const { values } = parseArgs({
  options: {
    case: { type: 'string', default: 'standard-snr0.5' },
    seeds: { type: 'string', default: '1,2,3' },
    modes: { type: 'string', default: META_MODES.join(',') },
    warmup: { type: 'string', default: '500' },
    steps: { type: 'string', default: '500' },
    batch: { type: 'string', default: '4' },
    'val-batch': { type: 'string', default: '4' },
    'meta-every': { type: 'string', default: '2' },
    'meta-lr': { type: 'string', default: String(DEFAULT_META_LEARNING_RATE) },
    dice: { type: 'string', default: 'all' },
    'ce-weight': { type: 'string', default: '0' },
    'ce-average': { type: 'string', default: 'voxels' },
    'train-tomograms': { type: 'string', default: '1' },
    backend: { type: 'string', default: 'wasm' },
    report: { type: 'boolean', default: false },
    work: { type: 'string' },
    runs: { type: 'string' },
    out: { type: 'string' },
  },
});
const here = dirname(fileURLToPath(import.meta.url));
if (!DICE_CLASSES.includes(values.dice as DiceClasses)) throw new Error(`--dice expects ${DICE_CLASSES.join(' or ')}`);
const ceWeight = Number(values['ce-weight']);
if (!(ceWeight >= 0)) throw new Error('--ce-weight expects a number ≥ 0');
if (!CROSS_ENTROPY_AVERAGING.includes(values['ce-average'] as CrossEntropyAveraging)) throw new Error(`--ce-average expects ${CROSS_ENTROPY_AVERAGING.join(' or ')}`);
const loss: LossOptions = { crossEntropyWeight: ceWeight, crossEntropyAveraging: values['ce-average'] as CrossEntropyAveraging, diceClasses: values.dice as DiceClasses };
const trainCount = Number(values['train-tomograms']);
if (!Number.isInteger(trainCount) || trainCount < 1) throw new Error('--train-tomograms expects a whole number ≥ 1');
// The loss and the training set are part of the protocol: their runs and table live apart (the simulations are shared).
const lossVariant = `${values.dice === 'all' ? '' : `-dice-${values.dice}`}${ceWeight === 0 ? '' : `-ce${ceWeight}-${loss.crossEntropyAveraging}`}`;
const variant = `${values.case}${lossVariant}${trainCount === 1 ? '' : `-train${trainCount}`}`;
const work = values.work ?? ablationWorkDir(values.case);
const runs = values.runs ?? ablationRunsDir(variant);
const outPath = values.out ?? join(here, 'results', `robpicker-ablation-${variant}.json`);
const seeds = values.seeds.split(',').map(Number);
const modes = values.modes.split(',').filter(Boolean) as MetaMode[]; // empty: warm-up only
for (const m of modes) if (!META_MODES.includes(m)) throw new Error(`unknown mode ${m}`);
mkdirSync(work, { recursive: true });
mkdirSync(runs, { recursive: true });

const log = (text: string) => process.stderr.write(`[ablation ${new Date().toISOString().slice(11, 19)}] ${text}\n`);

const cli = (...argv: string[]) => runTomopick('robpicker-ablation', ...argv);

const sim = (n: number) => simulationDir(work, n);
const trainSims = trainingSeeds(trainCount);
const warmupDir = (seed: number) => ablationRunDir(runs, 'warm-up', seed);
const runDir = (mode: MetaMode, seed: number) => ablationRunDir(runs, mode, seed);
/**
 * The optimiser slots of a checkpoint (src/cli/model-files.ts). In the meta modes it also holds the
 * label-correction and reweighting networks (src/ml/meta/meta-state.ts), which `tomopick suggest`
 * and the recovery bench need: only supervised runs may drop it.
 */
const OPTIMIZER_FILE = 'optimizer.bin';
const stepOf = (dir: string): number => {
  const file = join(dir, 'checkpoint.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { step: number }).step : 0;
};

const common = [
  ...trainSims.flatMap((n) => ['--tomo', join(sim(n), 'tomogram.mrc'), '--labels', join(sim(n), 'noisy.csv')]),
  '--val', join(sim(2), 'tomogram.mrc'), '--val-labels', join(sim(2), 'truth.csv'), '--val-label-map', join(sim(2), 'labels.mrc'),
  '--preset', 'cpu', '--batch', values.batch, '--backend', values.backend, '--ce-weight', String(ceWeight), '--ce-average', values['ce-average'], '--dice', values.dice,
  '--validate-every', '100', '--val-edge', '64', '--checkpoint-every', '25',
];

async function train(dir: string, steps: number, extra: string[], initial?: string): Promise<void> {
  const reached = stepOf(dir);
  if (reached >= steps) return;
  if (reached > 0 && !existsSync(join(dir, OPTIMIZER_FILE))) throw new Error(`${dir} finished at step ${reached} and its optimiser state was dropped: train the longer run in a new --runs folder`);
  const start = reached > 0 ? ['--resume'] : initial ? ['--init', initial] : [];
  await cli('train', ...common, '--out', dir, '--steps', String(steps), ...extra, ...start);
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function warmup(seed: number): Promise<void> {
  const dir = warmupDir(seed);
  const lock = join(work, `${variant}-warmup-seed${seed}.lock`); // a process lock, per variant (they share the work folder): never committed
  const steps = Number(values.warmup);
  if (stepOf(dir) >= steps) return;
  if (existsSync(lock) && isAlive(Number(readFileSync(lock, 'utf8')))) {
    log(`waiting for another process's warm-up of seed ${seed}`);
    while (stepOf(dir) < steps) await sleep(30_000);
    return;
  }
  writeFileSync(lock, String(process.pid));
  try {
    log(`warm-up seed ${seed}: supervised, ${steps} steps`);
    // Its own patch stream: the branches draw from the seed's stream from step 0.
    await train(dir, steps, ['--mode', 'supervised', '--seed', String(100 + seed)]);
  } finally {
    rmSync(lock, { force: true });
  }
}

async function branch(mode: MetaMode, seed: number): Promise<void> {
  const dir = runDir(mode, seed);
  const steps = Number(values.steps);
  if (stepOf(dir) < steps) {
    log(`${mode} seed ${seed}: ${steps} steps from the warm-up`);
    const meta = mode === 'supervised' ? [] : ['--meta-every', values['meta-every'], '--val-batch', values['val-batch'], '--meta-lr', values['meta-lr']];
    await train(dir, steps, ['--mode', mode, '--seed', String(seed), ...meta], warmupDir(seed));
  }
  await testModel(dir, `${mode} seed ${seed}`);
  if (mode === 'supervised') dropOptimiserState(dir, steps);
}

/** A finished supervised run needs no Adam slots (two thirds of its bytes): they are not committed. */
function dropOptimiserState(dir: string, steps: number): void {
  if (stepOf(dir) >= steps) rmSync(join(dir, OPTIMIZER_FILE), { force: true });
}

/**
 * How test picks are made, recorded in eval.json so an older evaluation is redone: merged
 * clusters split (core/picks/clustering/split-merged.ts), and each class's score threshold fitted
 * on the validation tomogram (`tomopick calibrate`) before the test tomogram is picked.
 */
const PICKING = 'split-merged, thresholds calibrated on the validation tomogram';

/**
 * Picks on the test tomogram and their F1, redone when the model has moved on since or was picked
 * another way. The test records the step of the model it scored: file times mean nothing after a
 * fresh checkout. The same picks before the cut are scored too (what calibration adds).
 */
async function testModel(dir: string, label: string): Promise<void> {
  const evalFile = join(dir, 'eval.json');
  const step = stepOf(dir);
  if (existsSync(evalFile)) {
    const done = JSON.parse(readFileSync(evalFile, 'utf8')) as { modelStep?: number; picking?: string };
    if (done.modelStep === step && done.picking === PICKING) return;
  }
  const predict = (tomogram: number, out: string) =>
    cli('predict', '--model', dir, join(sim(tomogram), 'tomogram.mrc'), '--out', out, '--min-score', '0', '--backend', values.backend, '--batch', '4');
  const score = async (picks: string) => JSON.parse(await cli('eval', picks, join(sim(3), 'truth.csv'), '--voxel', '10', '--json')) as { classes: ClassScore[]; macroF1: number };
  log(`${label}: calibrating score thresholds on the validation tomogram`);
  const valPicks = join(dir, 'val-picks.csv');
  await predict(2, valPicks);
  const calibration = JSON.parse(await cli('calibrate', '--model', dir, valPicks, join(sim(2), 'truth.csv'), '--name', `${values.case} seed 2 (validation)`, '--json')) as { classes: object[] };
  log(`${label}: predicting the test tomogram`);
  const allPicks = join(dir, 'test-picks-uncut.csv');
  await predict(3, allPicks);
  const picks = join(dir, 'test-picks.csv');
  writeFileSync(picks, cutPicks(readFileSync(allPicks), dir));
  const uncut = await score(allPicks);
  const scores = await score(picks);
  const uncalibrated = { macroF1: uncut.macroF1, classes: uncut.classes.map(({ name, precision, recall, f1 }) => ({ name, precision, recall, f1 })) };
  writeFileSync(evalFile, `${JSON.stringify({ modelStep: step, picking: PICKING, calibration: calibration.classes, uncalibrated, ...scores }, null, 2)}\n`);
}

/** The test picks `tomopick predict` keeps by default with the model's calibrated thresholds, from its uncut picks. */
function cutPicks(uncut: Uint8Array, dir: string): string {
  const model = parseModelJson(readFileSync(join(dir, 'model.json'), 'utf8'));
  const cut = scoreCutOfClass(model.classes);
  const { records } = readCoordinates('test-picks-uncut.csv', uncut);
  return writeCoordinates('csv', records.filter((r) => (r.score ?? 0) >= cut(r.classId ?? 0)), {});
}

interface ClassScore {
  name: string;
  f1: number;
  precision: number;
  recall: number;
}

/** The warm-up's own test scores: where every mode starts from. */
type Row = MetaMode | 'warm-up';

/** `cut`: the test picks as predict keeps them (calibrated thresholds where the run has them); `uncut`: every pick, where recorded. */
type Picking = 'cut' | 'uncut';

/** Test scores of a run made the current way; an evaluation from an older picking is stale (redone by the next run of this seed). */
function scoresOf(row: Row, seed: number, picking: Picking): ClassScore[] | null {
  const file = join(ablationRunDir(runs, row, seed), 'eval.json');
  if (!existsSync(file)) return null;
  const report = JSON.parse(readFileSync(file, 'utf8')) as { picking?: string; classes: ClassScore[]; uncalibrated?: { classes: ClassScore[] } };
  if (report.picking !== PICKING) return null;
  return picking === 'cut' ? report.classes : (report.uncalibrated?.classes ?? null);
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs: number[]) => (xs.length < 2 ? 0 : Math.sqrt(xs.reduce((a, x) => a + (x - mean(xs)) ** 2, 0) / (xs.length - 1)));
const round = (x: number) => Math.round(x * 1000) / 1000;

interface ModeScores {
  seeds: number[];
  perClass: Record<string, { mean: number; sd: number; values: number[] }>;
  meanF1: { mean: number; sd: number };
}

function f1Table(picking: Picking): Record<string, ModeScores> {
  const allSeeds = [1, 2, 3];
  const table: Record<string, ModeScores> = {};
  for (const mode of ['warm-up', ...META_MODES] as const) {
    const done = allSeeds.filter((s) => scoresOf(mode, s, picking));
    if (done.length === 0) continue;
    const perClass: Record<string, number[]> = {};
    const meanPerSeed: number[] = [];
    for (const s of done) {
      const classes = scoresOf(mode, s, picking)!;
      for (const c of classes) (perClass[c.name] ??= []).push(c.f1);
      meanPerSeed.push(mean(classes.map((c) => c.f1)));
    }
    table[mode] = {
      seeds: done,
      perClass: Object.fromEntries(Object.entries(perClass).map(([k, v]) => [k, { mean: round(mean(v)), sd: round(sd(v)), values: v.map(round) }])),
      meanF1: { mean: round(mean(meanPerSeed)), sd: round(sd(meanPerSeed)) },
    };
  }
  return table;
}

function formatF1Table(table: Record<string, ModeScores>): string {
  const classes = Object.keys(table.supervised?.perClass ?? Object.values(table)[0]?.perClass ?? {});
  const lines = [`mode        ${classes.map((c) => c.padEnd(14)).join('')}mean F1`];
  for (const [mode, row] of Object.entries(table)) {
    const cell = (m: number, s: number) => `${m.toFixed(3)}±${s.toFixed(3)}`.padEnd(14);
    lines.push(`${mode.padEnd(12)}${classes.map((c) => cell(row.perClass[c]?.mean ?? NaN, row.perClass[c]?.sd ?? NaN)).join('')}${cell(row.meanF1.mean, row.meanF1.sd)} (seeds ${row.seeds.join(',')})`);
  }
  return lines.join('\n');
}

/** Each mode's relative gain over supervised, per class and on the mean F1: (mode − supervised) / supervised. */
function relativeGains(table: Record<string, ModeScores>): Record<string, Record<string, number | null>> {
  const base = table.supervised;
  const gains: Record<string, Record<string, number | null>> = {};
  if (!base) return gains;
  for (const [mode, row] of Object.entries(table)) {
    if (mode === 'supervised' || mode === 'warm-up') continue;
    gains[mode] = Object.fromEntries(
      [...Object.keys(row.perClass), 'mean'].map((k) => {
        const b = k === 'mean' ? base.meanF1.mean : base.perClass[k]?.mean;
        const v = k === 'mean' ? row.meanF1.mean : row.perClass[k]!.mean;
        return [k, b && b > 0 ? round((v - b) / b) : null];
      }),
    );
  }
  return gains;
}

function formatGains(gains: Record<string, Record<string, number | null>>): string {
  const percent = (g: number | null) => (g === null ? '–' : `${g >= 0 ? '+' : ''}${(100 * g).toFixed(1)} %`);
  return Object.entries(gains)
    .map(([mode, row]) => `gain of ${mode} over supervised: ${Object.entries(row).map(([k, g]) => `${k} ${percent(g)}`).join(', ')}`)
    .join('\n');
}

function report(): void {
  const table = f1Table('cut');
  const uncut = f1Table('uncut');
  const complete = META_MODES.every((m) => table[m]?.seeds.length === 3);
  console.log(formatF1Table(table));
  console.log(formatGains(relativeGains(table)));
  if (Object.keys(uncut).length > 0) console.log(`\nthe same picks before the calibrated cut:\n${formatF1Table(uncut)}\n${formatGains(relativeGains(uncut))}`);
  writeFileSync(
    outPath,
    `${JSON.stringify(
      {
        command: `npx tsx bench/robpicker-ablation.ts --case ${values.case} --warmup ${values.warmup} --steps ${values.steps} --batch ${values.batch} --val-batch ${values['val-batch']} --meta-every ${values['meta-every']} --meta-lr ${values['meta-lr']} --dice ${values.dice} --ce-weight ${ceWeight} --ce-average ${values['ce-average']} --train-tomograms ${trainCount} --backend ${values.backend}; then --report`,
        complete,
        case: values.case,
        data: {
          train: `tomogram seed${trainCount === 1 ? '' : 's'} ${trainSims.join(', ')}, noisy picks (noisy.csv: 30 % dropped, 10 % spurious, 1.5-voxel jitter) painted as spheres of the class radius`,
          validation: 'tomogram seed 2, clean shape labels (labels.mrc) — the clean set of the meta modes',
          test: 'tomogram seed 3, truth picks; tolerance 0.5 × class radius (DESIGN.md §7)',
        },
        protocol: `per seed: supervised warm-up of ${values.warmup} steps on the noisy labels, then ${values.steps} steps in each mode from it (same patch stream), cpu preset (32³, width 8, depth 2), batch ${values.batch}, Adam lr 1e-3, loss ${describeLoss(loss)} (Dice smoothing ${DICE_SMOOTHING} voxel${values.dice === 'all' ? '' : '; present = in the patch'}), the same at both levels of the meta modes; meta modes: C and R (Adam lr ${values['meta-lr']}) updated every ${values['meta-every']} steps with ${values['val-batch']} class-balanced clean patches, MLP reweighting, S of the LC started from the U-Net head`,
        backend: values.backend,
        diceSmoothing: DICE_SMOOTHING,
        diceClasses: values.dice,
        crossEntropy: ceWeight === 0 ? null : { weight: ceWeight, averaging: loss.crossEntropyAveraging },
        picking: 'test picks: merged clusters split; per-class score thresholds calibrated on the validation tomogram (tomopick calibrate) where the run records them',
        f1: table,
        relativeGainOverSupervised: relativeGains(table),
        // The paper's own post-processing (appendix G: argmax, clustering, no score threshold).
        f1BeforeCalibratedCut: uncut,
        relativeGainBeforeCalibratedCut: relativeGains(uncut),
      },
      null,
      2,
    )}\n`,
  );
  log(`→ ${outPath}${complete ? '' : ' (incomplete: run the missing seeds/modes)'}`);
}

for (const n of [...new Set([...trainSims, 2, 3])]) {
  if (!existsSync(join(sim(n), 'tomogram.mrc'))) await cli('simulate', '--case', values.case, '--seed', String(n), '--out', sim(n));
}
if (!values.report) {
  for (const seed of seeds) {
    await warmup(seed);
    // The branches first: a second process on the same seed then trains at once instead of
    // testing the warm-up beside the process that trained it (the test is skipped once done).
    for (const mode of modes) await branch(mode, seed);
    await testModel(warmupDir(seed), `warm-up seed ${seed}`);
    dropOptimiserState(warmupDir(seed), Number(values.warmup));
  }
}
report();
