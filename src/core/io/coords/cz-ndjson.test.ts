import { describe, expect, it } from 'vitest';
import { readCzNdjson, writeCzNdjson } from './cz-ndjson.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('CZ cryoET Data Portal ndjson', () => {
  it('round-trips oriented points in voxels, keeping the rotation matrix', () => {
    const text =
      '{"type":"orientedPoint","location":{"x":1.5,"y":2,"z":3},"xyz_rotation_matrix":[[0,1,0],[1,0,0],[0,0,1]]}\n{"type":"point","location":{"x":4,"y":5,"z":6}}\n';
    const { records } = readCzNdjson('TS_1.ndjson', bytes(text), {});
    expect(records.map((r) => [r.tomogram, r.x, r.y, r.z])).toEqual([
      ['TS_1', 1.5, 2, 3],
      ['TS_1', 4, 5, 6],
    ]);
    const again = readCzNdjson('TS_1.ndjson', bytes(writeCzNdjson(records)), {}).records;
    expect(again[0]?.extra?.xyz_rotation_matrix).toBe('[[0,1,0],[1,0,0],[0,0,1]]');
    expect(again[1]?.extra?.xyz_rotation_matrix).toBe('[[1,0,0],[0,1,0],[0,0,1]]');
  });

  it('rejects non-point annotations and bad lines with their line number', () => {
    expect(() => readCzNdjson('a.ndjson', bytes('{"type":"segmentationMask"}\n'), {})).toThrow(/line 1: annotation type "segmentationMask"/);
    expect(() => readCzNdjson('a.ndjson', bytes('{"type":"point","location":{"x":1,"y":2,"z":3}}\n{oops\n'), {})).toThrow(/line 2: not a JSON object/);
  });
});
