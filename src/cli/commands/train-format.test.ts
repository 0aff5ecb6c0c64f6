import { describe, expect, it } from 'vitest';
import { formatValidation } from './train.ts';

describe('formatValidation', () => {
  it('says a class has no particle in the validation region instead of printing F1 0', () => {
    const score = (classId: number, nTruth: number, nPred: number, f1: number) => ({ classId, name: null, nTruth, nPred, precision: 0, recall: 0, f1 });
    const line = formatValidation(
      { step: 300, loss: 1.1696, classes: [score(1, 12, 14, 0.71), score(2, 0, 3, NaN)], macroF1: 0.71 },
      [{ id: 1, name: 'ribosome' }, { id: 2, name: 'tiny' }],
    );
    expect(line).toBe('validation at step 300: loss 1.1696 F1 ribosome 0.71, tiny – (none in the region, 3 picked) (macro 0.710)');
  });
});
