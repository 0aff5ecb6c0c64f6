/**
 * The training modes as the studio explains them, and what keeps a run from starting (checked
 * before the Train button enables, so the user reads why instead of a failed run).
 */
import type { StudioTrainSettings } from '../../workers/train.client.ts';

export type TrainingMode = StudioTrainSettings['mode'];

export const MODE_INFO: Readonly<Record<TrainingMode, { label: string; explanation: string }>> = {
  supervised: { label: 'supervised', explanation: 'Dice + cross-entropy on the labels as they are.' },
  'dr-only': { label: 'reweighting (dr-only)', explanation: 'Learns from the clean validation tomograms how much to trust each training patch.' },
  'lc-only': { label: 'label correction (lc-only)', explanation: 'Learns from the clean validation tomograms to correct the labels; afterwards it can suggest label fixes.' },
  robpicker: { label: 'RobPicker (both)', explanation: 'Reweighting and label correction together (the paper’s method); afterwards it can suggest label fixes.' },
};

export const TRAINING_MODES = Object.keys(MODE_INFO) as TrainingMode[];

export function isMetaMode(mode: TrainingMode): boolean {
  return mode !== 'supervised';
}

/** Modes whose reweighting compares the patches of a batch (the MLP variant needs two or more). */
function weighsPatchesOfBatch(settings: Pick<StudioTrainSettings, 'mode' | 'reweighting'>): boolean {
  return (settings.mode === 'dr-only' || settings.mode === 'robpicker') && settings.reweighting === 'mlp';
}

/**
 * Why a run in these settings cannot start, or undefined. `validationLabels` = training labels on
 * each tomogram the run uses for validation.
 */
export function trainingBlocker(settings: Pick<StudioTrainSettings, 'mode' | 'reweighting' | 'batchSize'>, validationLabels: readonly number[]): string | undefined {
  if (!isMetaMode(settings.mode)) return undefined;
  if (validationLabels.length === 0) return `${MODE_INFO[settings.mode].label} learns from a clean validation set: set the role of a tomogram with curated picks to "validation".`;
  if (validationLabels.every((n) => n === 0)) return 'The validation tomograms have no labels: pick (or import) their particles first.';
  if (weighsPatchesOfBatch(settings) && settings.batchSize < 2) return `${MODE_INFO[settings.mode].label} weighs the patches of a batch against each other: use a batch of 2 or more (4 recommended), or per-class reweighting.`;
  return undefined;
}
