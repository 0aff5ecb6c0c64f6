import { describe, expect, it } from 'vitest';
import { numberToFloat16Bits } from '../volume/volume.ts';
import { checkLabelShape, labelMapFromVolume } from './label-volume.ts';

describe('labelMapFromVolume', () => {
  it('reads integer class ids from every dtype', () => {
    expect(labelMapFromVolume({ dtype: 'int8', data: Int8Array.from([0, 1, 4]) })).toEqual(Uint8Array.from([0, 1, 4]));
    expect(labelMapFromVolume({ dtype: 'int16', data: Int16Array.from([255, 0, 7]) })).toEqual(Uint8Array.from([255, 0, 7]));
    expect(labelMapFromVolume({ dtype: 'float32', data: Float32Array.from([2, 0, 3]) })).toEqual(Uint8Array.from([2, 0, 3]));
    const half = Uint16Array.from([0, 5, 9].map(numberToFloat16Bits));
    expect(labelMapFromVolume({ dtype: 'float16', data: half })).toEqual(Uint8Array.from([0, 5, 9]));
  });

  it('refuses negative, fractional, non-finite and too-large values, naming the count and first voxel', () => {
    expect(() => labelMapFromVolume({ dtype: 'int8', data: Int8Array.from([0, -1, 2, -3]) })).toThrow(/2 voxel\(s\).*voxel 1 with value -1/);
    expect(() => labelMapFromVolume({ dtype: 'float32', data: Float32Array.from([0, 1.5]) })).toThrow(/1 voxel\(s\).*1\.5/);
    expect(() => labelMapFromVolume({ dtype: 'float32', data: Float32Array.from([NaN]) })).toThrow(/NaN/);
    expect(() => labelMapFromVolume({ dtype: 'int16', data: Int16Array.from([256]) })).toThrow(/256/);
  });
});

describe('checkLabelShape', () => {
  it('accepts the same shape and refuses another', () => {
    expect(() => checkLabelShape({ nx: 4, ny: 5, nz: 6 }, [4, 5, 6])).not.toThrow();
    expect(() => checkLabelShape({ nx: 4, ny: 5, nz: 6 }, { nx: 4, ny: 5, nz: 7 })).toThrow(/4×5×6 voxels but the tomogram is 4×5×7/);
  });
});
