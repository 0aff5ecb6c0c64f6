import { defaultCrossEntropyWeight, type StudioTrainSettings } from '../../../workers/train.client.ts';
import { useJobsStore } from '../../state/jobs-store.ts';
import { isMetaMode, MODE_INFO, TRAINING_MODES, type TrainingMode } from '../training-modes.ts';

/** The form's text fields as typed (validated when a run starts). */
export interface TrainingForm {
  preset: 'auto' | 'cpu' | 'gpu';
  steps: string;
  batchSize: string;
  learningRate: string;
  /** Checkpoint to IndexedDB every N steps (0 = only at the end): what a crashed run resumes from. */
  checkpointEvery: string;
  /** Network overrides; empty = the preset's value. */
  patch: string;
  baseWidth: string;
  depth: string;
  mode: TrainingMode;
  /** Classes the Dice loss averages over in each patch (src/ml/losses/dice.ts). */
  diceClasses: StudioTrainSettings['diceClasses'];
  /** Weight of the cross-entropy added to Dice; empty = the mode's default (1 supervised, 0 meta). */
  crossEntropyWeight: string;
  /** Cross-entropy over every voxel, or class-balanced (src/ml/losses/cross-entropy.ts). */
  crossEntropyAveraging: StudioTrainSettings['crossEntropyAveraging'];
  /** Meta modes: update the LC/DR networks every N steps. */
  metaEvery: string;
  /** Meta modes: clean validation patches per meta update. */
  validationBatchSize: string;
  reweighting: StudioTrainSettings['reweighting'];
  /**
   * Meta modes: the clean validation labels are shapes from the class averages of the validation
   * picks (RobPicker's shape-based labels), else spheres. On by default: the studio's validation
   * tomograms are labelled by picks only, never by a label map.
   */
  averageValidationShapes: boolean;
  /** With averageValidationShapes: align the picks in rotation too (on by default: labels that follow each particle's shape). */
  refineValidationShapes: boolean;
}

export const DEFAULT_TRAINING_FORM: Readonly<TrainingForm> = Object.freeze({
  preset: 'auto',
  steps: '200',
  batchSize: '2',
  learningRate: '0.001',
  checkpointEvery: '50',
  patch: '',
  baseWidth: '',
  depth: '',
  mode: 'supervised',
  diceClasses: 'all',
  crossEntropyWeight: '',
  crossEntropyAveraging: 'voxels',
  metaEvery: '1',
  validationBatchSize: '4',
  reweighting: 'mlp',
  averageValidationShapes: true,
  refineValidationShapes: true,
});

/** The weight typed into the form (NaN when it is not a number), or undefined when left to the mode. */
const typedCrossEntropyWeight = (form: TrainingForm): number | undefined => (form.crossEntropyWeight.trim() === '' ? undefined : Number(form.crossEntropyWeight));

/** Settings for the worker, or undefined after telling the user what is wrong. */
export function settingsFromForm(form: TrainingForm): Partial<StudioTrainSettings> | undefined {
  const problems: string[] = [];
  const int = (text: string, name: string): number | undefined => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < 1) problems.push(`${name} must be a whole number ≥ 1 (got "${text}")`);
    return n;
  };
  const optionalInt = (text: string, name: string) => (text.trim() === '' ? undefined : int(text, name));
  const steps = int(form.steps, 'steps');
  const batchSize = int(form.batchSize, 'batch');
  const checkpointEvery = Number(form.checkpointEvery);
  if (!Number.isInteger(checkpointEvery) || checkpointEvery < 0) problems.push(`checkpoint every must be a whole number ≥ 0 (got "${form.checkpointEvery}")`);
  const crossEntropyWeight = typedCrossEntropyWeight(form);
  if (crossEntropyWeight !== undefined && !(crossEntropyWeight >= 0)) problems.push(`cross-entropy weight must be a number ≥ 0 (got "${form.crossEntropyWeight}")`);
  const learningRate = Number(form.learningRate);
  if (!(learningRate > 0)) problems.push(`learning rate must be a positive number (got "${form.learningRate}")`);
  const patch = optionalInt(form.patch, 'patch');
  const baseWidth = optionalInt(form.baseWidth, 'width');
  const depth = optionalInt(form.depth, 'depth');
  const meta = isMetaMode(form.mode);
  const metaEvery = meta ? int(form.metaEvery, 'meta update every') : undefined;
  const validationBatchSize = meta ? int(form.validationBatchSize, 'clean patches per update') : undefined;
  if (problems.length > 0) {
    useJobsStore.getState().notify('error', `Training settings: ${problems.join('; ')}`);
    return undefined;
  }
  const network = { ...(patch ? { patch } : {}), ...(baseWidth ? { baseWidth } : {}), ...(depth ? { depth } : {}) };
  return {
    ...(form.preset !== 'auto' ? { preset: form.preset } : {}),
    ...(Object.keys(network).length > 0 ? { network } : {}),
    steps,
    batchSize,
    learningRate,
    checkpointEvery,
    mode: form.mode,
    diceClasses: form.diceClasses,
    ...(crossEntropyWeight !== undefined ? { crossEntropyWeight } : {}),
    crossEntropyAveraging: form.crossEntropyAveraging,
    ...(metaEvery !== undefined && validationBatchSize !== undefined ? { metaEvery, validationBatchSize, reweighting: form.reweighting, averageValidationShapes: form.averageValidationShapes, refineValidationShapes: form.refineValidationShapes } : {}),
  };
}

/** The weight a run of this form will use (the mode's default when the field is empty). */
const effectiveCrossEntropyWeight = (form: TrainingForm): number => typedCrossEntropyWeight(form) ?? defaultCrossEntropyWeight(form.mode);

type TextField = Exclude<keyof TrainingForm, 'preset' | 'mode' | 'diceClasses' | 'crossEntropyAveraging' | 'reweighting' | 'averageValidationShapes' | 'refineValidationShapes'>;

export function TrainingSettingsForm({ form, onChange, disabled }: { form: TrainingForm; onChange: (form: TrainingForm) => void; disabled: boolean }) {
  const field = (key: TextField, label: string, placeholder = '') => (
    <label>
      {label}
      <input value={form[key]} placeholder={placeholder} onChange={(e) => onChange({ ...form, [key]: e.target.value })} disabled={disabled} data-testid={`train-${key}`} inputMode="decimal" />
    </label>
  );
  return (
    <div className="training-settings">
      <div className="row">
        <label>
          mode
          <select value={form.mode} onChange={(e) => onChange({ ...form, mode: e.target.value as TrainingMode })} disabled={disabled} data-testid="train-mode">
            {TRAINING_MODES.map((m) => (
              <option key={m} value={m}>
                {MODE_INFO[m].label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="muted training-mode-help" data-testid="train-mode-help">
        {MODE_INFO[form.mode].explanation}
      </p>
      {isMetaMode(form.mode) && (
        <div className="row">
          {field('metaEvery', 'meta update every')}
          {field('validationBatchSize', 'clean patches')}
          <label>
            reweighting
            <select value={form.reweighting} onChange={(e) => onChange({ ...form, reweighting: e.target.value as TrainingForm['reweighting'] })} disabled={disabled} data-testid="train-reweighting">
              <option value="mlp">per patch (MLP on its loss)</option>
              <option value="per-class">per class</option>
            </select>
          </label>
          <label title="Clean labels of the validation tomograms: each class's average of its picks, thresholded to a mask, at every pick (else a sphere of the class radius)">
            <input
              type="checkbox"
              checked={form.averageValidationShapes}
              onChange={(e) => onChange({ ...form, averageValidationShapes: e.target.checked })}
              disabled={disabled}
              data-testid="train-averageValidationShapes"
            />{' '}
            validation labels: shapes from class averages (else spheres)
          </label>
          <label title="Search each validation pick's orientation (30° grid) before averaging, and stamp the mask turned to it: labels that follow elongated or asymmetric particles. Takes seconds per class before the first step">
            <input
              type="checkbox"
              checked={form.refineValidationShapes}
              onChange={(e) => onChange({ ...form, refineValidationShapes: e.target.checked })}
              disabled={disabled || !form.averageValidationShapes}
              data-testid="train-refineValidationShapes"
            />{' '}
            align rotations
          </label>
        </div>
      )}
      <div className="row">
        <label>
          size
          <select value={form.preset} onChange={(e) => onChange({ ...form, preset: e.target.value as TrainingForm['preset'] })} disabled={disabled} data-testid="train-preset">
            <option value="auto">auto (gpu on a GPU backend)</option>
            <option value="cpu">cpu: 32³, width 8, depth 2</option>
            <option value="gpu">gpu: 64³, width 16, depth 3</option>
          </select>
        </label>
      </div>
      <div className="row">
        <label title="A class missing from a patch: with 'all' its Dice term pushes its prediction to zero there, which can silence a rare species; 'in the patch' leaves it out">
          Dice loss over
          <select value={form.diceClasses} onChange={(e) => onChange({ ...form, diceClasses: e.target.value as TrainingForm['diceClasses'] })} disabled={disabled} data-testid="train-diceClasses">
            <option value="all">all classes</option>
            <option value="present">the classes in each patch (rare species)</option>
          </select>
        </label>
        <label title="Weight of a cross-entropy term added to Dice, at both levels in the meta modes. Empty: 1 in supervised, 0 in the meta modes (RobPicker's loss is Dice only)">
          cross-entropy ×
          <input
            value={form.crossEntropyWeight}
            placeholder={String(defaultCrossEntropyWeight(form.mode))}
            onChange={(e) => onChange({ ...form, crossEntropyWeight: e.target.value })}
            disabled={disabled}
            data-testid="train-crossEntropyWeight"
            inputMode="decimal"
          />
        </label>
        <label title="Over every voxel a small species weighs its share of the voxels; class-balanced, each class in the patch weighs the same as the background, so a small rare species keeps its pull (src/ml/meta/README.md, Limits)">
          averaged
          <select value={form.crossEntropyAveraging} onChange={(e) => onChange({ ...form, crossEntropyAveraging: e.target.value as TrainingForm['crossEntropyAveraging'] })} disabled={disabled || effectiveCrossEntropyWeight(form) === 0} data-testid="train-crossEntropyAveraging">
            <option value="voxels">over every voxel</option>
            <option value="classes">class-balanced (rare species)</option>
          </select>
        </label>
      </div>
      <div className="row">
        {field('steps', 'steps')}
        {field('batchSize', 'batch')}
        {field('learningRate', 'lr')}
        {field('checkpointEvery', 'checkpoint every')}
      </div>
      <details>
        <summary>network (overrides the size)</summary>
        <div className="row">
          {field('patch', 'patch', 'preset')}
          {field('baseWidth', 'width', 'preset')}
          {field('depth', 'depth', 'preset')}
        </div>
      </details>
    </div>
  );
}
