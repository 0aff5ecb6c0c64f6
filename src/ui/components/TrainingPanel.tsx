import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { useProjectStore, type TomogramEntry } from '../../state/project-store.ts';
import { picksStore, selectPicksOfTomogram } from '../../state/picks-store.ts';
import { useTrainingStore } from '../../state/training-store.ts';
import { calibrateModelScores } from '../actions/calibrate-model.ts';
import { predictModelPicks } from '../actions/predict-model-picks.ts';
import {
  cancelTraining,
  isTrainingLabel,
  loadCheckpointInfo,
  pauseTraining,
  resumePausedTraining,
  roleOf,
  runTraining,
  type TrainingChoice,
  type TrainingRole,
} from '../actions/train-model.ts';
import { hasLabelCorrection } from '../actions/model-storage.ts';
import { suggestLabelFixes } from '../actions/suggest-label-fixes.ts';
import { trainingBlocker } from '../training-modes.ts';
import { ClassAverages } from './ClassAverages.tsx';
import { CorrectionReview } from './CorrectionReview.tsx';
import { DataWeightsChart } from './DataWeightsChart.tsx';
import { LossChart } from './LossChart.tsx';
import { ModelLibrary } from './ModelLibrary.tsx';
import { ModelThresholds } from './ModelThresholds.tsx';
import { ProbabilityOverlayControls } from './ProbabilityOverlayControls.tsx';
import { DEFAULT_TRAINING_FORM, TrainingSettingsForm, settingsFromForm, type TrainingForm } from './TrainingSettingsForm.tsx';

const ROLES: readonly TrainingRole[] = ['train', 'validation', 'test', 'skip'];

function formatEta(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return '';
  return seconds < 90 ? ` · ETA ${Math.round(seconds)} s` : ` · ETA ${Math.round(seconds / 60)} min`;
}

function LabelCount({ tomogramId }: { tomogramId: string }) {
  const count = useStore(picksStore, (s) => selectPicksOfTomogram(s, tomogramId).filter(isTrainingLabel).length);
  return <span className="muted"> {count} labels</span>;
}

/**
 * U-Net training in a worker: which tomograms train/validate, settings, start/pause/cancel, live
 * loss and validation-F1 curves, resume from the last checkpoint, prediction on the active
 * tomogram, and the model library.
 */
export function TrainingPanel({ tomogram }: { tomogram: TomogramEntry }) {
  const tomograms = useProjectStore((s) => s.tomograms);
  const classes = useProjectStore((s) => s.classes);
  const training = useTrainingStore();
  // 'skip' is a per-run choice kept here; train/validation/test are the project's splits (saved with it).
  const [skipped, setSkipped] = useState<ReadonlySet<string>>(new Set());
  const [form, setForm] = useState<TrainingForm>(DEFAULT_TRAINING_FORM);
  const [fromModel, setFromModel] = useState(false);
  const active = training.phase === 'running' || training.phase === 'paused';
  const allPicks = useStore(picksStore, (s) => s.picks);
  const validationTomograms = tomograms.filter((t) => roleOf(t, { skipped, settings: {} }) === 'validation');
  const validationLabels = validationTomograms.map((t) => selectPicksOfTomogram({ picks: allPicks }, t.id).filter(isTrainingLabel).length);
  const labelledValidationNames = validationTomograms.filter((_, k) => validationLabels[k]! > 0).map((t) => t.name);
  const blocker = trainingBlocker({ mode: form.mode, reweighting: form.reweighting, batchSize: Number(form.batchSize) }, validationLabels);
  const withCorrection = hasLabelCorrection(training.model?.metaState);
  const activeLabels = selectPicksOfTomogram({ picks: allPicks }, tomogram.id).filter(isTrainingLabel).length;
  const metaValidation = training.meta.flatMap((m) => (m.validationLoss === null ? [] : [{ step: m.step, loss: m.validationLoss }]));

  useEffect(() => void loadCheckpointInfo(), []);

  const choice = (): TrainingChoice | undefined => {
    const settings = settingsFromForm(form);
    if (!settings) return undefined;
    return fromModel && training.model ? { skipped, settings, initialModel: training.model } : { skipped, settings };
  };
  const start = (resume: boolean) => {
    const c = choice();
    if (c) void runTraining(c, resume);
  };
  const setRole = (id: string, role: TrainingRole) => {
    const next = new Set(skipped);
    if (role === 'skip') next.add(id);
    else {
      next.delete(id);
      useProjectStore.getState().setSplit(id, role);
    }
    setSkipped(next);
  };
  const colorOf = (id: number) => classes.find((c) => c.id === id)?.color ?? '#bbb';
  const fraction = training.steps > 0 ? training.step / training.steps : 0;

  return (
    <fieldset className="training-panel" data-testid="training-panel">
      <legend>U-Net picker</legend>
      <ul className="training-split" aria-label="Tomograms for training">
        {tomograms.map((t) => (
          <li key={t.id}>
            <span className={t.id === tomogram.id ? 'active-name' : undefined}>{t.name}</span>
            <LabelCount tomogramId={t.id} />
            <select
              value={roleOf(t, { skipped, settings: {} })}
              onChange={(e) => setRole(t.id, e.target.value as TrainingRole)}
              aria-label={`Role of ${t.name}`}
              disabled={active}
            >
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          </li>
        ))}
      </ul>
      <TrainingSettingsForm form={form} onChange={setForm} disabled={active} />
      <label title="Fine-tune: start from the weights of the model in hand (its network size wins over the settings), e.g. on accepted label fixes">
        <input type="checkbox" checked={fromModel && !!training.model} onChange={(e) => setFromModel(e.target.checked)} disabled={active || !training.model} data-testid="train-from-model" />
        start from the model in hand
      </label>
      <div className="row">
        <button type="button" onClick={() => start(false)} disabled={active || blocker !== undefined} data-testid="train-start">
          Train
        </button>
        <button
          type="button"
          onClick={training.phase === 'paused' ? resumePausedTraining : pauseTraining}
          disabled={!active}
          data-testid="train-pause"
        >
          {training.phase === 'paused' ? 'Resume' : 'Pause'}
        </button>
        <button type="button" onClick={cancelTraining} disabled={!active} data-testid="train-cancel">
          Cancel
        </button>
        {!active && training.checkpoint && training.checkpoint.step < training.checkpoint.steps && (
          <button type="button" onClick={() => start(true)} data-testid="train-resume-checkpoint" title={`Saved ${new Date(training.checkpoint.savedAt).toLocaleString()}`}>
            Resume from step {training.checkpoint.step}
          </button>
        )}
      </div>
      {blocker && (
        <p className="training-error" role="note" data-testid="train-blocker">
          {blocker}
        </p>
      )}
      {training.phase !== 'idle' && (
        <>
          <progress max={1} value={training.preparation?.fraction ?? fraction} className="training-progress" />
          {training.preparation && (
            <p className="muted" data-testid="train-preparing">
              preparing · {training.preparation.stage} {Math.round(100 * training.preparation.fraction)}%
            </p>
          )}
          <p className="muted" data-testid="train-step" data-step={training.step} data-phase={training.phase}>
            {training.phase} · step {training.step} / {training.steps}
            {training.startStep > 0 ? ` (resumed at ${training.startStep})` : ''}
            {active && training.secondsPerStep ? ` · ${(1 / training.secondsPerStep).toPrecision(2)} steps/s` : ''}
            {active ? formatEta(training.etaSeconds) : ''}
            {training.backend ? ` · ${training.backend}, ${training.network}` : ''}
          </p>
        </>
      )}
      {training.error && (
        <p className="training-error" role="alert" data-testid="train-error">
          {training.error}
          {training.checkpoint && training.checkpoint.step < training.checkpoint.steps && ` You can resume from step ${training.checkpoint.step} (last checkpoint).`}
        </p>
      )}
      <LossChart losses={training.losses} validation={training.validation} metaValidation={metaValidation} steps={training.steps} colorOf={colorOf} />
      <DataWeightsChart meta={training.meta} steps={training.steps} colorOf={colorOf} nameOf={(id) => classes.find((c) => c.id === id)?.name ?? `class ${id}`} />
      <ModelLibrary />
      <button
        type="button"
        onClick={() => training.model && void predictModelPicks(training.model, tomogram)}
        disabled={!training.model}
        data-testid="predict-picks"
        title="Run the model over the active tomogram; its picks arrive as candidates to review"
      >
        Predict picks on {tomogram.name}
      </button>
      <button
        type="button"
        onClick={() => training.model && void calibrateModelScores(training.model, tomogram)}
        disabled={!training.model || activeLabels === 0}
        data-testid="calibrate-model"
        title="Fit each class's score threshold on this tomogram's kept picks (best F1); later predictions drop the picks below it. Use a completely picked tomogram the model did not train on."
      >
        Calibrate score thresholds on {tomogram.name}
      </button>
      {training.model && <ModelThresholds modelJson={training.model.json} validationNames={labelledValidationNames} />}
      {withCorrection && training.model && (
        <button
          type="button"
          onClick={() => training.model && void suggestLabelFixes(training.model, tomogram)}
          data-testid="suggest-fixes"
          title="Run the model's label-correction network over the active tomogram and its labels; review the fixes it suggests"
        >
          Suggest label fixes on {tomogram.name}
        </button>
      )}
      <CorrectionReview tomogram={tomogram} />
      <ClassAverages tomogram={tomogram} />
      <ProbabilityOverlayControls tomogramId={tomogram.id} />
    </fieldset>
  );
}
