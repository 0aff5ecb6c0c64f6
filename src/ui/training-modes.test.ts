import { describe, expect, it } from 'vitest';
import { trainingBlocker } from './training-modes.ts';

describe('training blockers', () => {
  it('supervised needs no validation set', () => {
    expect(trainingBlocker({ mode: 'supervised', reweighting: 'mlp', batchSize: 1 }, [])).toBeUndefined();
  });

  it('meta modes need a labelled validation tomogram', () => {
    expect(trainingBlocker({ mode: 'robpicker', reweighting: 'mlp', batchSize: 4 }, [])).toMatch(/role of a tomogram .* "validation"/);
    expect(trainingBlocker({ mode: 'lc-only', reweighting: 'mlp', batchSize: 4 }, [0])).toMatch(/validation tomograms have no labels/);
    expect(trainingBlocker({ mode: 'lc-only', reweighting: 'mlp', batchSize: 1 }, [0, 3])).toBeUndefined();
  });

  it('per-patch reweighting needs a batch of two or more; per-class does not', () => {
    expect(trainingBlocker({ mode: 'dr-only', reweighting: 'mlp', batchSize: 1 }, [5])).toMatch(/batch of 2 or more/);
    expect(trainingBlocker({ mode: 'robpicker', reweighting: 'mlp', batchSize: 2 }, [5])).toBeUndefined();
    expect(trainingBlocker({ mode: 'robpicker', reweighting: 'per-class', batchSize: 1 }, [5])).toBeUndefined();
  });
});
