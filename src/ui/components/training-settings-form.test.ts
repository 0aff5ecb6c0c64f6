import { describe, expect, it } from 'vitest';
import { useJobsStore } from '../../state/jobs-store.ts';
import { DEFAULT_TRAINING_FORM, settingsFromForm } from './TrainingSettingsForm.tsx';

describe('training settings form', () => {
  it('leaves the cross-entropy weight to the mode unless one is typed', () => {
    expect(settingsFromForm({ ...DEFAULT_TRAINING_FORM, mode: 'robpicker' })).not.toHaveProperty('crossEntropyWeight');
    expect(settingsFromForm({ ...DEFAULT_TRAINING_FORM, mode: 'robpicker', crossEntropyWeight: '0.5', crossEntropyAveraging: 'classes' })).toMatchObject({
      mode: 'robpicker',
      crossEntropyWeight: 0.5,
      crossEntropyAveraging: 'classes',
    });
  });

  it('refuses a negative or non-numeric weight with a message', () => {
    expect(settingsFromForm({ ...DEFAULT_TRAINING_FORM, crossEntropyWeight: '-1' })).toBeUndefined();
    expect(useJobsStore.getState().messages.at(-1)?.text).toMatch(/cross-entropy weight must be a number ≥ 0 \(got "-1"\)/);
    expect(settingsFromForm({ ...DEFAULT_TRAINING_FORM, crossEntropyWeight: 'lots' })).toBeUndefined();
  });
});
