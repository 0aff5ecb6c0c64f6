import { describe, expect, it } from 'vitest';
import { readShrecText } from './shrec-text.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('SHREC particle locations', () => {
  it('reads name, voxel position and keeps ZXZ angles in extra', () => {
    const { records } = readShrecText('particle_locations_model_9.txt', bytes('3d2f  180  480  118  -45   81  -72\n4V94 1 2 3\n'), {});
    expect(records[0]).toEqual({
      tomogram: 'particle_locations_model_9',
      className: '3d2f',
      x: 180,
      y: 480,
      z: 118,
      extra: { phi: '-45', psi: '81', theta: '-72' },
    });
    expect(records[1]).toMatchObject({ className: '4V94', x: 1, y: 2, z: 3 });
  });

  it('names the line of a malformed row', () => {
    expect(() => readShrecText('s.txt', bytes('a 1 2 3\nb 1 2\n'), {})).toThrow(/s\.txt, line 2: 3 fields/);
    expect(() => readShrecText('s.txt', bytes('a 1 2 z\n'), {})).toThrow(/line 1: "z" is not a finite number/);
  });
});
