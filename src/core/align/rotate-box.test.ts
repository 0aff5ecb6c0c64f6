import { describe, expect, it } from 'vitest';
import { rotateBox, rotateBoxAt } from './rotate-box.ts';
import { IDENTITY, zyzRotation } from './so3-grid.ts';

const edge = 9;
const at = (x: number, y: number, z: number) => x + edge * (y + edge * z);

describe('rotating a box', () => {
  it('turns an off-centre voxel about the centre (R maps x to y for 90° about z)', () => {
    const box = new Float32Array(edge ** 3);
    box[at(6, 4, 4)] = 1; // two voxels along +x from the centre (4, 4, 4)
    const turned = rotateBox(box, edge, zyzRotation(Math.PI / 2, 0, 0));
    expect(turned[at(4, 6, 4)]).toBeCloseTo(1, 6);
    expect(turned.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    expect(Array.from(rotateBox(box, edge, IDENTITY))).toEqual(Array.from(box));
  });

  it('reads 0 outside the box and samples only the voxels asked for', () => {
    const box = new Float32Array(edge ** 3).fill(1);
    const corner = rotateBoxAt(box, edge, zyzRotation(Math.PI / 4, 0, 0), Int32Array.of(at(0, 0, 4), at(4, 4, 4)), new Float32Array(2));
    expect(corner[0]).toBe(0); // the corner turned by 45° lands outside the box
    expect(corner[1]).toBeCloseTo(1, 6);
  });
});
