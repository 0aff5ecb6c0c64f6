/**
 * Does RobPicker's label-correction network recover the particles the noisy labels dropped (issue 6,
 * "must show")? For each finished lc-only / robpicker run of the ablation
 * (bench/robpicker-ablation.ts), `tomopick suggest` runs its LC over the *training* tomogram with
 * the noisy picks it was trained on; then, accepting every suggestion at or above the threshold
 * (default 0.5, the studio's bulk accept), `tomopick eval` scores:
 *   - add suggestions against the dropped particles (recovered = matched, false = unmatched);
 *   - remove suggestions against the spurious picks (flagged spurious vs doubted true picks).
 *
 *   npx tsx bench/label-correction-recovery.ts [--case standard-snr0.5] [--threshold 0.5] [--backend wasm]
 *     [--modes robpicker,lc-only] [--seeds 1,2,3]   (runs left out keep the recovery.json they have)
 * writes recovery.json in each run folder (committed with the run) and gathers them into
 * bench/results/label-correction-recovery-<case>.json. A run is scored again whenever its model and
 * its LC network (the checkpoint's optimizer.bin) are at hand; a run folder without them keeps the
 * recovery.json it has. Suggestion files are reused
 * within a sitting (they are not committed).
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ablationRunDir, ablationRunsDir, ablationWorkDir, simulationDir } from './robpicker-ablation-paths.ts';
import { runTomopick } from './run-tomopick.ts';

const { values } = parseArgs({
  options: {
    case: { type: 'string', default: 'standard-snr0.5' },
    threshold: { type: 'string', default: '0.5' },
    backend: { type: 'string', default: 'wasm' },
    modes: { type: 'string', default: 'robpicker,lc-only' },
    seeds: { type: 'string', default: '1,2,3' },
    work: { type: 'string' },
    runs: { type: 'string' },
    out: { type: 'string' },
  },
});
const here = dirname(fileURLToPath(import.meta.url));
const work = values.work ?? ablationWorkDir(values.case);
const runFolders = values.runs ?? ablationRunsDir(values.case);
const outPath = values.out ?? join(here, 'results', `label-correction-recovery-${values.case}.json`);
const threshold = Number(values.threshold);
const training = simulationDir(work, 1);

const cli = (...argv: string[]) => runTomopick('label-correction-recovery', ...argv);

/** Minimal CSV (our own files: no quoted commas). */
function readCsv(path: string): Record<string, string>[] {
  const [head, ...rows] = readFileSync(path, 'utf8').trim().split('\n');
  const names = head!.split(',');
  return rows.filter(Boolean).map((row) => Object.fromEntries(row.split(',').map((v, i) => [names[i]!, v])));
}

const writeCsv = (path: string, header: string[], rows: string[][]) => writeFileSync(path, `${[header.join(','), ...rows.map((r) => r.join(','))].join('\n')}\n`);

interface Counts {
  truth: number;
  suggested: number;
  matched: number;
}

async function score(pred: string, truth: string): Promise<Counts> {
  const report = JSON.parse(await cli('eval', pred, truth, '--voxel', '10', '--json')) as { overall: { nTruth: number; nPred: number; tp: number } };
  return { truth: report.overall.nTruth, suggested: report.overall.nPred, matched: report.overall.tp };
}

const truth = readCsv(join(training, 'truth.csv'));
const noisy = readCsv(join(training, 'noisy.csv'));
const kept = new Set(noisy.filter((r) => r.spurious === '0').map((r) => Number(r.truth_index)));
const dropped = truth.filter((_, i) => !kept.has(i));
const truthHeader = ['x', 'y', 'z', 'class', 'class_name', 'radius_angstrom'];
const droppedCsv = join(work, 'dropped.csv');
writeCsv(droppedCsv, truthHeader, dropped.map((r) => truthHeader.map((k) => r[k] ?? '')));
const radius = new Map(truth.map((r) => [r.class, r.radius_angstrom ?? '']));
const spuriousCsv = join(work, 'spurious.csv');
writeCsv(spuriousCsv, truthHeader, noisy.filter((r) => r.spurious === '1').map((r) => [r.x!, r.y!, r.z!, r.class!, r.class_name!, radius.get(r.class) ?? '']));

const runs: Record<string, unknown>[] = [];
for (const mode of ['robpicker', 'lc-only']) {
  for (const seed of [1, 2, 3]) {
    const dir = ablationRunDir(runFolders, mode, seed);
    const recoveryFile = join(dir, 'recovery.json');
    if (!existsSync(join(dir, 'eval.json'))) continue; // the run has not finished
    const selected = values.modes.split(',').includes(mode) && values.seeds.split(',').map(Number).includes(seed);
    // The LC network lives in the checkpoint's optimizer.bin (with the Adam slots), not in weights.bin.
    if (!selected || !existsSync(join(dir, 'weights.bin')) || !existsSync(join(dir, 'optimizer.bin'))) {
      if (existsSync(recoveryFile)) runs.push(JSON.parse(readFileSync(recoveryFile, 'utf8')) as Record<string, unknown>);
      else if (selected) process.stderr.write(`label-correction-recovery: ${mode} seed ${seed} has no label-correction network at hand (no optimizer.bin): not scored\n`);
      continue;
    }
    const fixes = join(dir, 'suggestions-train.csv');
    if (!existsSync(fixes) || statSync(fixes).mtimeMs < statSync(join(dir, 'weights.bin')).mtimeMs) {
      await cli('suggest', '--model', dir, join(training, 'tomogram.mrc'), '--labels', join(training, 'noisy.csv'), '--out', fixes, '--backend', values.backend, '--batch', '4');
    }
    const suggestions = readCsv(fixes).filter((s) => Number(s.confidence) >= threshold);
    const pickHeader = ['x', 'y', 'z', 'class', 'class_name', 'radius_angstrom'];
    const asPicks = (kind: string) => suggestions.filter((s) => s.kind === kind).map((s) => [s.x!, s.y!, s.z!, s.class!, s.class_name!, radius.get(s.class) ?? '']);
    const addsCsv = join(dir, 'accepted-adds.csv');
    writeCsv(addsCsv, pickHeader, asPicks('add'));
    const removesCsv = join(dir, 'accepted-removes.csv');
    writeCsv(removesCsv, pickHeader, asPicks('remove'));
    const adds = await score(addsCsv, droppedCsv);
    const removes = await score(removesCsv, spuriousCsv);
    // The ranking alone, whatever the confidences' scale: the n most confident suggestions of a kind.
    const listed = readCsv(fixes).sort((a, b) => Number(b.confidence) - Number(a.confidence));
    const topOf = async (kind: string, n: number, against: string): Promise<Counts & { taken: number }> => {
      const ranked = listed.filter((s) => s.kind === kind).slice(0, n);
      const csv = join(dir, `top-${kind}.csv`);
      writeCsv(csv, pickHeader, ranked.map((s) => [s.x!, s.y!, s.z!, s.class!, s.class_name!, radius.get(s.class) ?? '']));
      return { ...(await score(csv, against)), taken: ranked.length };
    };
    const listedAdds = listed.filter((s) => s.kind === 'add').length;
    runs.push({
      mode,
      seed,
      suggestionsListed: readCsv(fixes).length,
      acceptedAtThreshold: { add: adds.suggested, remove: removes.suggested, relabel: suggestions.filter((s) => s.kind === 'relabel').length },
      droppedParticles: adds.truth,
      recoveredDropped: adds.matched,
      recoveredFraction: adds.truth ? Math.round((1000 * adds.matched) / adds.truth) / 1000 : null,
      falseAdds: adds.suggested - adds.matched,
      spuriousPicks: removes.truth,
      flaggedSpurious: removes.matched,
      removesOfTruePicks: removes.suggested - removes.matched,
      ranking: {
        what: 'the n most confident suggestions of a kind accepted, n = the number of dropped particles (adds) or spurious picks (removes), and all listed adds',
        topAddsAsManyAsDropped: await topOf('add', adds.truth, droppedCsv),
        allListedAdds: await topOf('add', listedAdds, droppedCsv),
        topRemovesAsManyAsSpurious: await topOf('remove', removes.truth, spuriousCsv),
        maxConfidence: Number(listed[0]?.confidence ?? NaN),
      },
    });
    writeFileSync(recoveryFile, `${JSON.stringify(runs.at(-1), null, 2)}\n`);
    console.log(JSON.stringify(runs.at(-1)));
  }
}
writeFileSync(
  outPath,
  `${JSON.stringify(
    {
      command: `npx tsx bench/label-correction-recovery.ts --case ${values.case} --threshold ${values.threshold} --backend ${values.backend}${values.runs ? ` --runs ${values.runs}` : ''}${values.out ? ` --out ${values.out}` : ''} --seeds ${values.seeds}`,
      what: 'suggestions of the LC of each finished lc-only/robpicker ablation run on its training tomogram (seed 1) with the noisy picks it was trained on; every suggestion with confidence ≥ threshold accepted; matched with tomopick eval (tolerance 0.5 × class radius, same class)',
      threshold,
      runs,
    },
    null,
    2,
  )}\n`,
);
console.log(`→ ${outPath}`);
