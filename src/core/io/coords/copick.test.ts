import { describe, expect, it } from 'vitest';
import { readCopick, writeCopick } from './copick.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('copick picks JSON', () => {
  it('writes Å locations and reads them back to voxels', () => {
    const text = writeCopick([{ tomogram: 'TS_5', x: 10, y: 20.5, z: 3, className: 'ribosome', score: 0.9 }], { voxelSize: 10 });
    const doc = JSON.parse(text) as { points: { location: { x: number } }[]; run_name: string; pickable_object_name: string };
    expect(doc.points[0]?.location.x).toBe(100);
    expect(doc.run_name).toBe('TS_5');
    expect(doc.pickable_object_name).toBe('ribosome');
    const { records } = readCopick('p.json', bytes(text), { voxelSize: 10 });
    expect(records[0]).toMatchObject({ tomogram: 'TS_5', x: 10, y: 20.5, z: 3, className: 'ribosome', score: 0.9 });
  });

  it('asks for --voxel, and refuses mixed classes or bad points', () => {
    expect(() => readCopick('p.json', bytes('{"points":[]}'), {})).toThrow(/--voxel/);
    expect(() => writeCopick([{ tomogram: 't', x: 0, y: 0, z: 0 }], {})).toThrow(/--voxel/);
    expect(() =>
      writeCopick([{ tomogram: 't', x: 0, y: 0, z: 0, classId: 1 }, { tomogram: 't', x: 0, y: 0, z: 0, classId: 2 }], { voxelSize: 1 }),
    ).toThrow(/one object type/);
    expect(() => readCopick('p.json', bytes('{"points":[{"location":{"x":1,"y":"a","z":3}}]}'), { voxelSize: 1 })).toThrow(/points\[0\]/);
  });
});
