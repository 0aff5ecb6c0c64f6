import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { useProjectStore, type TomogramEntry } from '../../state/project-store.ts';
import { picksStore, selectPicksOfTomogram } from '../../state/picks-store.ts';
import { useTrainingStore } from '../../state/training-store.ts';
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
import { LossChart } from './LossChart.tsx';
import { ModelLibrary } from './ModelLibrary.tsx';
import { ProbabilityOverlayControls } from './ProbabilityOverlayControls.tsx';
import { TrainingSettingsForm, settingsFromForm, type TrainingForm } from './TrainingSettingsForm.tsx';

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
  const [form, setForm] = useState<TrainingForm>({ preset: 'auto', steps: '200', batchSize: '2', learningRate: '0.001', checkpointEvery: '50', patch: '', baseWidth: '', depth: '' });
  const active = training.phase === 'running' || training.phase === 'paused';

  useEffect(() => void loadCheckpointInfo(), []);

  const choice = (): TrainingChoice | undefined => {
    const settings = settingsFromForm(form);
    return settings ? { skipped, settings } : undefined;
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
      <div className="row">
        <button type="button" onClick={() => start(false)} disabled={active} data-testid="train-start">
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
      {training.phase !== 'idle' && (
        <>
          <progress max={1} value={fraction} className="training-progress" />
          <p className="muted" data-testid="train-step" data-step={training.step} data-phase={training.phase}>
            {training.phase} · step {training.step} / {training.steps}
            {training.startStep > 0 ? ` (resumed at ${training.startStep})` : ''}
            {active ? formatEta(training.etaSeconds) : ''}
            {training.backend ? ` · ${training.backend}, ${training.network}` : ''}
          </p>
        </>
      )}
      {training.error && (
        <p className="training-error" role="alert" data-testid="train-error">
          {training.error}
        </p>
      )}
      <LossChart losses={training.losses} validation={training.validation} steps={training.steps} colorOf={colorOf} />
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
      <ProbabilityOverlayControls tomogramId={tomogram.id} />
    </fieldset>
  );
}
