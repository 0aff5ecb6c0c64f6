import { describe, expect, it } from 'vitest';
import { withBackend } from '../testing/backends.ts';
import { createMetaLearner, disposeMetaLearner } from './meta-learner.ts';
import { cubesBatch, TINY_META_CONFIG } from './meta-fixtures.ts';
import { loadMetaState, META_STATE_PREFIX, readMetaState, splitMetaState } from './meta-state.ts';
import { metaStep, readMetaStep } from './meta-step.ts';

const { patch, nClasses } = TINY_META_CONFIG;

describe('meta state in checkpoints', () => {
  it('round-trips C, R and their optimiser slots into a learner with another seed', () =>
    withBackend('cpu', async () => {
      const trained = createMetaLearner(TINY_META_CONFIG, 5, { mode: 'robpicker' });
      for (let s = 0; s < 2; s++) await readMetaStep(metaStep(trained, cubesBatch(4, patch, nClasses, s), cubesBatch(2, patch, nClasses, 50 + s)));
      const state = await readMetaState(trained);
      expect(Object.keys(state).every((k) => k.startsWith(META_STATE_PREFIX))).toBe(true);
      expect(Object.keys(state)).toEqual(expect.arrayContaining(['meta/lc-opt/step', 'meta/dr-opt/step', 'meta/dr.hidden.w']));

      // Mixed with the U-Net optimiser's slots as in a checkpoint file, then split again.
      const { segmentation, meta } = splitMetaState({ step: new Float32Array([2]), 'm/head.w': new Float32Array(3), ...state });
      expect(Object.keys(segmentation)).toEqual(['step', 'm/head.w']);

      const restored = createMetaLearner(TINY_META_CONFIG, 99, { mode: 'robpicker' });
      loadMetaState(restored, meta);
      const again = await readMetaState(restored);
      expect(Object.keys(again).sort()).toEqual(Object.keys(state).sort());
      for (const [name, value] of Object.entries(state)) expect(Array.from(again[name]!), name).toEqual(Array.from(value));
      disposeMetaLearner(trained);
      disposeMetaLearner(restored);
    }));

  it('says which weight is missing when the checkpoint comes from another mode', () =>
    withBackend('cpu', async () => {
      const lcOnly = createMetaLearner(TINY_META_CONFIG, 5, { mode: 'lc-only' });
      const robpicker = createMetaLearner(TINY_META_CONFIG, 5, { mode: 'robpicker' });
      const { meta } = splitMetaState(await readMetaState(lcOnly));
      expect(() => loadMetaState(robpicker, meta)).toThrow(/no "dr\.hidden\.w".*another mode/);
      disposeMetaLearner(lcOnly);
      disposeMetaLearner(robpicker);
    }));
});
