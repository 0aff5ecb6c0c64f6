import { describe, expect, it } from 'vitest';
import type { Pick } from './pick.ts';
import { pickMapOf } from './pick-collection.ts';
import { applyDiff } from './pick-diff.ts';
import {
  addPick,
  applyModelOutput,
  deletePicks,
  importPicks,
  movePick,
  PickEditError,
  reviewByScore,
  setClass,
  setStatus,
} from './edits.ts';

function pick(id: string, overrides: Partial<Pick> = {}): Pick {
  return { id, tomogram: 't1', x: 10, y: 10, z: 10, classId: 1, source: 'manual', status: 'accepted', ...overrides };
}

function counter(prefix: string): () => string {
  let n = 0;
  return () => `${prefix}${++n}`;
}

const manual = pick('manual');
const proposal = pick('prop', { source: 'proposal', status: 'candidate', score: 0.9, x: 50 });
const lowProposal = pick('low', { source: 'proposal', status: 'candidate', score: 0.2, classId: 2, x: 80 });
const rejectedModel = pick('rej', { source: 'model', status: 'rejected', score: 0.7, x: 30 });
const modelCandidate = pick('mc', { source: 'model', status: 'candidate', score: 0.5, x: 60 });
const otherTomo = pick('other', { tomogram: 't2', source: 'model', status: 'candidate', score: 0.95 });
const map = pickMapOf([manual, proposal, lowProposal, rejectedModel, modelCandidate, otherTomo]);

describe('single-pick edits', () => {
  it('adds a manual, accepted pick', () => {
    const diff = addPick(map, { tomogram: 't1', x: 1, y: 2, z: 3, classId: 2, score: 0.4 }, 'new');
    expect(diff.added.get('new')).toEqual({ id: 'new', tomogram: 't1', x: 1, y: 2, z: 3, classId: 2, score: 0.4, source: 'manual', status: 'accepted' });
  });

  it('rejects bad input with a specific message', () => {
    expect(() => addPick(map, { tomogram: 't1', x: NaN, y: 0, z: 0, classId: 1 })).toThrow(/coordinates must be finite/);
    expect(() => addPick(map, { tomogram: 't1', x: 0, y: 0, z: 0, classId: 0 })).toThrow(/class id must be an integer ≥ 1/);
    expect(() => addPick(map, { tomogram: '', x: 0, y: 0, z: 0, classId: 1 })).toThrow(/tomogram name is missing/);
    expect(() => addPick(map, { tomogram: 't1', x: 0, y: 0, z: 0, classId: 1 }, 'manual')).toThrow(/already used/);
    expect(() => movePick(map, 'nope', { x: 0, y: 0, z: 0 })).toThrow(PickEditError);
    expect(() => deletePicks(map, ['manual', 'nope'])).toThrow(/no pick with id "nope"/);
  });

  it('moving a candidate accepts it; moving a reviewed pick keeps its status', () => {
    const moved = movePick(map, 'prop', { x: 1, y: 2, z: 3 }).updated.get('prop');
    expect(moved).toEqual([proposal, { ...proposal, x: 1, y: 2, z: 3, status: 'accepted' }]);
    expect(movePick(map, 'rej', { x: 0, y: 0, z: 0 }).updated.get('rej')?.[1].status).toBe('rejected');
  });

  it('set class and set status leave unchanged picks out of the diff', () => {
    const relabel = setClass(map, ['manual', 'rej'], 1);
    expect(relabel.updated.size).toBe(0);
    // 'low' has class 2 already but is a candidate: relabelling it is a review, so it is accepted.
    expect(setClass(map, ['low'], 2).updated.get('low')?.[1]).toMatchObject({ classId: 2, status: 'accepted' });
    expect(setClass(map, ['manual'], 3).updated.get('manual')?.[1]).toMatchObject({ classId: 3, status: 'accepted' });
    const reject = setStatus(map, ['manual', 'rej'], 'rejected');
    expect([...reject.updated.keys()]).toEqual(['manual']);
  });

  it('deletes picks', () => {
    const next = applyDiff(map, deletePicks(map, ['manual', 'prop']));
    expect([...next.keys()].sort()).toEqual(['low', 'mc', 'other', 'rej']);
  });
});

describe('reviewByScore', () => {
  it('accepts candidates at or above the threshold, within the filter, and no others', () => {
    const diff = reviewByScore(map, { status: 'accepted', minScore: 0.5, filter: { tomogram: 't1' } });
    expect([...diff.updated.keys()].sort()).toEqual(['mc', 'prop']);
    expect(diff.updated.get('mc')?.[1].status).toBe('accepted');
  });

  it('rejects below a threshold for one class and source', () => {
    const diff = reviewByScore(map, { status: 'rejected', maxScore: 0.6, filter: { classId: 2, source: 'proposal' } });
    expect([...diff.updated.keys()]).toEqual(['low']);
  });

  it('needs a threshold', () => {
    expect(() => reviewByScore(map, { status: 'accepted' })).toThrow(/minScore and\/or maxScore/);
  });
});

describe('importPicks', () => {
  it('creates imported picks with a default class', () => {
    const diff = importPicks(map, [{ tomogram: 't3', x: 1, y: 2, z: 3 }, { tomogram: 't3', x: 4, y: 5, z: 6, classId: 3, score: 0.5 }], {
      defaultClassId: 2,
      makeId: counter('i'),
    });
    expect(diff.added.get('i1')).toEqual({ id: 'i1', tomogram: 't3', x: 1, y: 2, z: 3, classId: 2, source: 'imported', status: 'accepted' });
    expect(diff.added.get('i2')).toMatchObject({ classId: 3, score: 0.5 });
  });

  it('names the bad record', () => {
    expect(() => importPicks(map, [{ tomogram: 't3', x: 1, y: 2, z: 3, classId: 1 }, { tomogram: 't3', x: 1, y: 2, z: 3 }])).toThrow(
      /import record 2: no class id/,
    );
    expect(() => importPicks(map, [{ tomogram: 't3', x: 1, y: Infinity, z: 3, classId: 1 }])).toThrow(/import record 1: coordinates/);
  });

  it('gives every record a distinct id by default', () => {
    const records = Array.from({ length: 1000 }, (_, i) => ({ tomogram: 't3', x: i, y: 0, z: 0, classId: 1 }));
    expect(importPicks(map, records).added.size).toBe(1000);
  });
});

describe('applyModelOutput', () => {
  const prediction = (x: number, tomogram = 't1') => ({ tomogram, x, y: 10, z: 10, classId: 1, score: 0.8 });

  it('replaces unreviewed candidates of the same source in covered tomograms only', () => {
    const diff = applyModelOutput(map, { source: 'model', tomograms: ['t1'], picks: [prediction(100)], makeId: counter('m') });
    expect([...diff.removed.keys()]).toEqual(['mc']);
    expect(diff.added.get('m1')).toMatchObject({ source: 'model', status: 'candidate', x: 100, score: 0.8 });
    expect(diff.updated.size).toBe(0);
  });

  it('never touches manual or reviewed picks, even when covering everything with no output', () => {
    const diff = applyModelOutput(map, { source: 'proposal', tomograms: ['t1', 't2'], picks: [] });
    expect([...diff.removed.keys()].sort()).toEqual(['low', 'prop']);
  });

  it('skips predictions near reviewed picks (manual or rejected) when asked', () => {
    const output = { source: 'model' as const, tomograms: ['t1'], picks: [prediction(11), prediction(31), prediction(59), prediction(200)] };
    const diff = applyModelOutput(map, { ...output, skipNearReviewed: 3, makeId: counter('m') });
    // 11 is near the manual pick, 31 near the rejected one; 59 was near only an unreviewed candidate.
    expect([...diff.added.values()].map((p) => p.x)).toEqual([59, 200]);
    expect(applyModelOutput(map, output).added.size).toBe(4);
  });

  it('rejects predictions outside the covered tomograms', () => {
    expect(() => applyModelOutput(map, { source: 'model', tomograms: ['t1'], picks: [prediction(1, 't9')] })).toThrow(
      /model output pick 1: tomogram "t9" is not among the covered tomograms/,
    );
  });
});
