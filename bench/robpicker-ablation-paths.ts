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
/**
 * Tomograms by simulation seed: 1 = training (noisy labels), 2 = validation (clean shape labels),
 * 3 = test; 4, 5, … = the extra training tomograms of `--train-tomograms N`.
 */
export const simulationDir = (work: string, n: number) => join(work, `tomogram${n}`);
/** Simulation seeds of the training tomograms: 1, then 4, 5, … (2 and 3 are validation and test). */
export const trainingSeeds = (count: number): number[] => [1, ...Array.from({ length: count - 1 }, (_, i) => 4 + i)];
export const ablationRunDir = (runs: string, row: string, seed: number) => join(runs, `${row === 'warm-up' ? 'warmup' : row}-seed${seed}`);
