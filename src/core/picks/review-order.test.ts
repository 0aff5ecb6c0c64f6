import { describe, expect, it } from 'vitest';
import type { Pick } from './pick.ts';
import { nextCandidate, sortPicks } from './review-order.ts';

const pick = (id: string, score: number | undefined, status: Pick['status'] = 'candidate'): Pick => ({
  id, tomogram: 't', x: 0, y: 0, z: 0, classId: 1, source: 'proposal', status, ...(score === undefined ? {} : { score }),
});

describe('review order', () => {
  it('sorts by score descending, unscored last, ties by id', () => {
    const order = sortPicks([pick('c', 0.5), pick('a', undefined), pick('b', 0.9), pick('d', 0.5)]).map((p) => p.id);
    expect(order).toEqual(['b', 'c', 'd', 'a']);
  });

  it('next candidate skips reviewed picks and wraps around', () => {
    const ordered = sortPicks([pick('a', 0.9), pick('b', 0.8, 'accepted'), pick('c', 0.7), pick('d', 0.1, 'rejected')]);
    expect(nextCandidate(ordered, undefined)?.id).toBe('a');
    expect(nextCandidate(ordered, 'a')?.id).toBe('c');
    expect(nextCandidate(ordered, 'c')?.id).toBe('a');
    expect(nextCandidate([pick('x', 1, 'accepted')], undefined)).toBeUndefined();
  });
});
