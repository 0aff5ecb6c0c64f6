import { describe, expect, it } from 'vitest';
import { halfResolution } from './half-resolution.ts';

const field = (shape: [number, number, number], f: (x: number, y: number, z: number) => number) => {
  const data = new Float32Array(shape[0] * shape[1] * shape[2]);
  for (let z = 0; z < shape[2]; z++) for (let y = 0; y < shape[1]; y++) for (let x = 0; x < shape[0]; x++) data[x + shape[0] * (y + shape[1] * z)] = f(x, y, z);
  return data;
};

describe('halfResolution', () => {
  it('halves each axis (rounding up) and keeps a constant', () => {
    const { data, shape } = halfResolution(field([9, 6, 5], () => 2.5), [9, 6, 5]);
    expect(shape).toEqual([5, 3, 3]);
    for (const v of data) expect(v).toBeCloseTo(2.5, 6);
  });

  it('puts output voxel i at input position 2i + ½ (a linear ramp stays exact away from the edges)', () => {
    const shape: [number, number, number] = [16, 12, 10];
    const { data, shape: out } = halfResolution(field(shape, (x, y, z) => x + 2 * y - 3 * z), shape);
    for (let z = 1; z < out[2] - 1; z++) {
      for (let y = 1; y < out[1] - 1; y++) {
        for (let x = 1; x < out[0] - 1; x++) {
          expect(data[x + out[0] * (y + out[1] * z)]).toBeCloseTo(2 * x + 0.5 + 2 * (2 * y + 0.5) - 3 * (2 * z + 0.5), 4);
        }
      }
    }
  });

  it('smooths by the binomial kernel along each axis (an impulse spreads as 1, 3, 3, 1 / 8)', () => {
    const shape: [number, number, number] = [8, 1, 1];
    const impulse = new Float32Array(8);
    impulse[4] = 1;
    // Outputs at 0.5, 2.5, 4.5, 6.5: input 4 lies at offset −0.5 from output 2 (weight 3/8) and +1.5 from output 1 (1/8).
    expect([...halfResolution(impulse, shape).data]).toEqual([0, 1 / 8, 3 / 8, 0].map(Math.fround));
  });

  it('reads integer data as it is (no float copy of a large integer volume)', () => {
    const shape: [number, number, number] = [7, 5, 3];
    const ints = Int16Array.from({ length: 105 }, (_, i) => ((i * 37) % 201) - 100);
    expect(halfResolution(ints, shape).data).toEqual(halfResolution(Float32Array.from(ints), shape).data);
  });

  it('rejects a shape that does not match the data', () => {
    expect(() => halfResolution(new Float32Array(10), [3, 3, 1])).toThrow(/10 values/);
  });
});
