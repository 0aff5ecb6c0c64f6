import { describe, expect, it } from 'vitest';
import { readImodMod } from './imod-mod.ts';

/** Builds a big-endian IMOD V1.2 model: one object per entry, one contour of points each, plus MINX/IEOF. */
function buildModel(objects: { name: string; points: [number, number, number][] }[], flags = 0, minxOffset?: [number, number, number]): Uint8Array {
  const parts: number[] = [];
  const bytes = (s: string) => [...s].forEach((c) => parts.push(c.charCodeAt(0)));
  const int = (v: number) => {
    const b = new DataView(new ArrayBuffer(4));
    b.setInt32(0, v, false);
    parts.push(...new Uint8Array(b.buffer));
  };
  const float = (v: number) => {
    const b = new DataView(new ArrayBuffer(4));
    b.setFloat32(0, v, false);
    parts.push(...new Uint8Array(b.buffer));
  };
  bytes('IMODV1.2');
  const header = new Array<number>(232).fill(0);
  const flagBytes = new DataView(new ArrayBuffer(4));
  flagBytes.setUint32(0, flags, false);
  header.splice(144, 4, ...new Uint8Array(flagBytes.buffer)); // model flags at file offset 152 = header offset 144
  parts.push(...header);
  for (const object of objects) {
    bytes('OBJT');
    const obj = new Array<number>(176).fill(0);
    [...object.name].forEach((c, i) => (obj[i] = c.charCodeAt(0)));
    parts.push(...obj);
    bytes('CONT');
    int(object.points.length);
    int(0);
    int(0);
    int(0);
    for (const p of object.points) p.forEach(float);
    bytes('MESH');
    int(1); // one vertex
    int(1); // one index
    int(0);
    int(0); // time + surf (2 × short)
    [0, 0, 0].forEach(float);
    int(-1);
  }
  if (minxOffset) {
    bytes('MINX');
    int(72);
    const values = [1, 1, 1, ...minxOffset, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0];
    values.forEach(float);
  }
  bytes('IEOF');
  return new Uint8Array(parts);
}

describe('binary IMOD models', () => {
  it('reads every contour point with object number and name, shifting X/Y by half a voxel', () => {
    const model = buildModel([
      { name: 'ribosome', points: [[10.5, 20.5, 3]] },
      { name: 'fas', points: [[1.5, 2.5, 4], [5.5, 6.5, 7]] },
    ]);
    const { records } = readImodMod('m.mod', model, {});
    expect(records.map((r) => [r.classId, r.className, r.x, r.y, r.z])).toEqual([
      [1, 'ribosome', 10, 20, 3],
      [2, 'fas', 1, 2, 4],
      [2, 'fas', 5, 6, 7],
    ]);
  });

  it('swaps Y/Z for FLIPYZ models and adds the MINX subset offset', () => {
    const model = buildModel([{ name: 'o', points: [[10.5, 3, 20.5]] }], 1 << 16, [100, 0, 0]);
    expect(readImodMod('m.mod', model, {}).records[0]).toMatchObject({ x: 110, y: 20, z: 3 });
  });

  it('reports truncated files and non-models clearly', () => {
    const model = buildModel([{ name: 'o', points: [[1, 2, 3]] }]);
    expect(() => readImodMod('m.mod', model.subarray(0, model.length - 30), {})).toThrow(/m\.mod: IMOD model truncated/);
    expect(() => readImodMod('m.mod', new TextEncoder().encode('hello world'), {})).toThrow(/not a binary IMOD model/);
  });
});
