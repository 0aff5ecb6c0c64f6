import { describe, expect, it } from 'vitest';
import { useTrainingStore } from './training-store.ts';

describe('training store: the meta dashboard history', () => {
  it('keeps a meta point per reported step and the speed; a fresh run clears them, a resumed one keeps them up to its step', () => {
    const store = useTrainingStore;
    store.getState().started({ backend: 'cpu', network: 'n', startStep: 0, steps: 4 });
    const meta = (step: number) => ({ step, validationLoss: step % 2 ? 0.5 : null, meanAlpha: 0.1, weightByClass: { 0: 0.8, 1: 1.2 } });
    store.getState().stepped({ step: 1, loss: 0.9, smoothed: 0.9 }, 4, 3, { secondsPerStep: 0.5, meta: meta(1) });
    store.getState().stepped({ step: 2, loss: 0.8, smoothed: 0.89 }, 4, 2, { secondsPerStep: 0.4, meta: meta(2) });
    store.getState().stepped({ step: 3, loss: 0.7, smoothed: 0.87 }, 4, 1);
    expect(store.getState().meta.map((m) => m.step)).toEqual([1, 2]);
    expect(store.getState().secondsPerStep).toBe(0.4);
    store.getState().started({ backend: 'cpu', network: 'n', startStep: 1, steps: 4 });
    expect(store.getState().meta.map((m) => m.step)).toEqual([1]);
    expect(store.getState().secondsPerStep).toBeUndefined();
    store.getState().started({ backend: 'cpu', network: 'n', startStep: 0, steps: 4 });
    expect(store.getState().meta).toEqual([]);
  });

  it('shows the preparation until the steps start, and drops it when a run ends before them', () => {
    const store = useTrainingStore;
    store.getState().setPhase('running');
    store.getState().preparing({ stage: 'aligning the picks of val.mrc for shape labels', fraction: 0.4 });
    expect(store.getState().preparation).toEqual({ stage: 'aligning the picks of val.mrc for shape labels', fraction: 0.4 });
    store.getState().started({ backend: 'cpu', network: 'n', startStep: 0, steps: 4 });
    expect(store.getState().preparation).toBeUndefined();
    store.getState().preparing({ stage: 'aligning', fraction: 0.1 });
    store.getState().setPhase('cancelled');
    expect(store.getState().preparation).toBeUndefined();
  });
});
