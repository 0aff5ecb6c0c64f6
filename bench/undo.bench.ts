/**
 * Undo and redo of one 10,000-pick gesture through the picks store (history step + applyDiff +
 * store update), the Studio issue's target being < 50 ms. Gestures: bulk accept of 10k model
 * candidates by score, and an import of 10k records; each in a project of 10k and of 100k picks.
 * Also a one-pick move in the 100k project, to show that small steps stay instant at that size.
 * Median of RUNS runs after a warm-up; no peer (no other tool has this operation).
 * Run: `npm run bench undo`.
 */
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { Pick } from '../src/core/picks/pick.ts';
import type { ImportRecord } from '../src/core/picks/edits.ts';
import { createPicksStore, type PicksStore } from '../src/state/picks-store.ts';
import type { BenchFigure, BenchRun } from './figure.ts';

const RUNS = 9;
const EDIT_SIZE = 10_000;
const TARGET_MS = 50;

function modelCandidates(n: number): Pick[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `m${i}`,
    tomogram: `t${i % 4}`,
    x: (i * 7) % 256,
    y: (i * 13) % 256,
    z: (i * 17) % 128,
    classId: 1 + (i % 4),
    // The first EDIT_SIZE candidates score above the bulk-accept threshold, the rest below it.
    score: i < EDIT_SIZE ? 0.95 : 0.5,
    source: 'model',
    status: 'candidate',
  }));
}

function importRecords(n: number): ImportRecord[] {
  return Array.from({ length: n }, (_, i) => ({ tomogram: 't0', x: i % 256, y: (i * 3) % 256, z: (i * 5) % 128, classId: 1 + (i % 4) }));
}

interface Gesture {
  name: string;
  /** Picks the gesture must touch (checked, so a broken gesture cannot give a fast figure). */
  size: number;
  perform(store: PicksStore): number;
}

const gestures: Gesture[] = [
  {
    name: `bulk accept of ${EDIT_SIZE.toLocaleString('en-US')} candidates`,
    size: EDIT_SIZE,
    perform: (store) => store.getState().reviewByScore({ status: 'accepted', minScore: 0.9 }).updated,
  },
  {
    name: `import of ${EDIT_SIZE.toLocaleString('en-US')} picks`,
    size: EDIT_SIZE,
    perform: (store) => store.getState().importPicks(importRecords(EDIT_SIZE)).added,
  },
];

const movePick: Gesture = {
  name: 'move of 1 pick',
  size: 1,
  perform: (store) => {
    store.getState().movePick('m7', { x: 1, y: 2, z: 3 });
    return store.getState().picks.get('m7')?.x === 1 ? 1 : 0;
  },
};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function timeOnce(action: () => boolean): number {
  const start = performance.now();
  if (!action()) throw new Error('undo bench: nothing to undo/redo');
  return performance.now() - start;
}

function measure(gesture: Gesture, projectSize: number): { undo: number; redo: number } {
  const undo: number[] = [];
  const redo: number[] = [];
  for (let run = -1; run < RUNS; run++) {
    const store = createPicksStore({ picks: modelCandidates(projectSize) });
    const touched = gesture.perform(store);
    if (touched !== gesture.size) throw new Error(`undo bench: ${gesture.name} touched ${touched} picks`);
    const undoMs = timeOnce(store.getState().undo);
    const redoMs = timeOnce(store.getState().redo);
    if (run < 0) continue; // warm-up
    undo.push(undoMs);
    redo.push(redoMs);
  }
  return { undo: median(undo), redo: median(redo) };
}

export const run: BenchRun = async () => {
  const figures: BenchFigure[] = [];
  const cases: [Gesture, number][] = [
    ...gestures.map((g): [Gesture, number] => [g, EDIT_SIZE]),
    ...gestures.map((g): [Gesture, number] => [g, 10 * EDIT_SIZE]),
    [movePick, 10 * EDIT_SIZE],
  ];
  for (const [gesture, projectSize] of cases) {
    const { undo, redo } = measure(gesture, projectSize);
    const where = `in a project of ${projectSize.toLocaleString('en-US')} picks`;
    // Wall time, so it depends on what else runs: the load average says how busy the machine was.
    const note = `median of ${RUNS}; target < ${TARGET_MS} ms; load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores`;
    figures.push({ name: `undo ${gesture.name} ${where}`, value: round(undo), unit: 'ms', note });
    figures.push({ name: `redo ${gesture.name} ${where}`, value: round(redo), unit: 'ms', note });
  }
  return figures;
};

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
