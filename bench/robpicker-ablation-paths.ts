/**
 * Where the RobPicker ablation keeps its files, shared by the ablation and the label-correction
 * recovery harness. The simulated tomograms are regenerated from their seeds (tmp-scratch, large);
 * the runs (checkpoints, test picks, eval.json, recovery.json) are committed, because only what is
 * committed survives from one sitting to the next.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

export const ablationWorkDir = (testCase: string) => join(here, '..', 'tmp-scratch', `robpicker-ablation-${testCase}`);
export const ablationRunsDir = (testCase: string) => join(here, 'results', `robpicker-ablation-${testCase}`);
/** Tomograms: 1 = training (noisy labels), 2 = validation (clean shape labels), 3 = test. */
export const simulationDir = (work: string, n: 1 | 2 | 3) => join(work, `tomogram${n}`);
export const ablationRunDir = (runs: string, row: string, seed: number) => join(runs, `${row === 'warm-up' ? 'warmup' : row}-seed${seed}`);
