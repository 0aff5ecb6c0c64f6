/**
 * Cost of one RobPicker meta step (issue 6) relative to one plain training step, at the cpu preset
 * (32³, width 8, depth 2, c = 5), training batch 4, validation batch stated per figure, on the
 * Node backends with our conv kernels (cpu, wasm). Target: ≤ 5× a plain step. The plain step is
 * `supervised` (trainStep with the Dice loss): the same thing the meta step's `supervised` mode runs.
 */
import { chooseNodeBackend } from '../src/gpu/node/init-node-backend.ts';
import { createMetaLearner, disposeMetaLearner, type MetaMode } from '../src/ml/meta/meta-learner.ts';
import { cubesBatch } from '../src/ml/meta/meta-fixtures.ts';
import { metaStep, readMetaStep } from '../src/ml/meta/meta-step.ts';
import { unetConfig } from '../src/ml/unet/config.ts';
import type { BenchFigure, BenchRun } from './figure.ts';
import { bestOfMs } from './timing.ts';

const N_CLASSES = 5;
const TRAIN_BATCH = 4;
const VALIDATION_BATCHES = [4, 2];
const REPEATS = 3;

async function bestStepMs(mode: MetaMode, validationBatch: number): Promise<number> {
  const config = unetConfig('cpu', N_CLASSES);
  const learner = createMetaLearner(config, 1, { mode });
  const train = cubesBatch(TRAIN_BATCH, config.patch, N_CLASSES, 1, ['clean', 'random']);
  const validation = cubesBatch(validationBatch, config.patch, N_CLASSES, 2);
  const best = await bestOfMs(REPEATS, () => readMetaStep(metaStep(learner, train, validation)).then(() => undefined));
  disposeMetaLearner(learner);
  return best;
}

export const run: BenchRun = async () => {
  const figures: BenchFigure[] = [];
  for (const backend of ['cpu', 'wasm'] as const) {
    await chooseNodeBackend(backend);
    const label = `cpu preset (32³, width 8, depth 2, c = ${N_CLASSES}), batch ${TRAIN_BATCH}, tfjs-${backend}`;
    const plainMs = await bestStepMs('supervised', 1);
    figures.push({ name: `plain training step (supervised, Dice), ${label}`, value: Math.round(plainMs), unit: 'ms' });
    for (const validationBatch of VALIDATION_BATCHES) {
      for (const mode of ['robpicker', 'dr-only', 'lc-only'] as MetaMode[]) {
        if (mode !== 'robpicker' && validationBatch !== VALIDATION_BATCHES[0]) continue;
        const metaMs = await bestStepMs(mode, validationBatch);
        const relative = Math.round((metaMs / plainMs) * 100) / 100;
        figures.push({
          name: `meta step ${mode} / plain step, validation batch ${validationBatch}, ${label}`,
          value: relative,
          unit: '×',
          note: `meta ${Math.round(metaMs)} ms vs plain ${Math.round(plainMs)} ms (best of ${REPEATS}); target ≤ 5×`,
        });
      }
    }
  }
  return figures;
};
