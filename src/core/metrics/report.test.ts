import { describe, expect, it } from 'vitest';
import { evaluatePicks, type MetricPoint } from './evaluate.ts';
import { evaluationToJson } from './report-json.ts';
import { formatConfusionTable, formatEvaluationTable } from './report-table.ts';

const at = (x: number, classId: number, className?: string): MetricPoint => ({ x, y: 0, z: 0, classId, className });

const report = evaluatePicks([at(0, 1), at(50, 1)], [at(0, 1, 'ribosome'), at(50, 2, 'fas')], { radiusVoxels: 4 });

describe('evaluationToJson', () => {
  it('keeps the documented fields and turns undefined ratios into null', () => {
    const json = evaluationToJson(report);
    expect(Object.keys(json)).toEqual(['classes', 'overall', 'macroF1', 'confusion']);
    expect(json.confusion).toEqual({ counts: [[1, 0], [1, 0]], missed: [0, 0], unmatched: [0, 0] });
    expect(json.classes[1]).toEqual({ class: 2, name: 'fas', nTruth: 1, nPred: 0, tp: 0, fp: 0, fn: 1, precision: null, recall: 0, f1: 0, fbeta: 0 });
    expect(json.overall).toMatchObject({ class: null, nTruth: 2, nPred: 2, tp: 1, precision: 0.5 });
    expect(json.macroF1).toBeCloseTo((2 / 3 + 0) / 2, 12);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });
});

describe('formatEvaluationTable', () => {
  it('prints aligned columns, one row per class, the overall row and macro F1', () => {
    const lines = formatEvaluationTable(report).split('\n');
    expect(lines[0]).toMatch(/^class\s+name\s+truth\s+pred\s+tp\s+fp\s+fn\s+precision\s+recall\s+F1\s+F4$/);
    expect(lines[2]).toMatch(/^1\s+ribosome\s+1\s+2\s+1\s+1\s+0\s+0\.500\s+1\.000\s+0\.667\s+0\.944$/);
    expect(lines[3]).toMatch(/^2\s+fas\s+1\s+0\s+0\s+0\s+1\s+-\s+0\.000\s+0\.000\s+0\.000$/);
    expect(lines[5]).toMatch(/^overall\s+2\s+2\s+1\s+1\s+1\s+0\.500/);
    expect(lines.at(-1)).toBe('macro F1: 0.333');
    // Right-aligned: every row has the header's length, and each value sits under its heading.
    expect(new Set([lines[0]!, lines[2]!, lines[3]!, lines[5]!].map((l) => l.length)).size).toBe(1);
    const recallEnd = lines[0]!.indexOf('recall') + 'recall'.length;
    expect(lines[2]!.slice(recallEnd - 6, recallEnd)).toBe(' 1.000');
    expect(lines[3]!.slice(recallEnd - 6, recallEnd)).toBe(' 0.000');
  });

  it('labels the single row of a class-agnostic evaluation "all"', () => {
    const agnostic = evaluatePicks([at(0, 1)], [at(0, 2)], { radiusVoxels: 4, classAgnostic: true });
    expect(formatEvaluationTable(agnostic).split('\n')[2]).toMatch(/^all\s+1\s+1\s+1\s+0\s+0\s+1\.000/);
  });
});

describe('formatConfusionTable', () => {
  it('names the classes, aligns the counts and says when there are no classes', () => {
    const lines = formatConfusionTable(report).split('\n');
    expect(lines[1]).toMatch(/^true \\ picked as\s+ribosome\s+fas\s+missed$/);
    expect(lines[2]).toMatch(/^ribosome\s+1\s+0\s+0$/);
    expect(lines[3]).toMatch(/^fas\s+1\s+0\s+0$/);
    expect(lines[4]).toMatch(/^no particle\s+0\s+0$/);
    expect(new Set(lines.slice(1, 4).map((l) => l.length)).size).toBe(1);
    const agnostic = evaluatePicks([at(0, 1)], [at(0, 2)], { radiusVoxels: 4, classAgnostic: true });
    expect(formatConfusionTable(agnostic)).toBe('confusion: needs classes on both sides');
  });
});
