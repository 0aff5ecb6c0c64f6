import { describe, expect, it } from 'vitest';
import { relionEulerToMatrix } from '../io/coords/euler.ts';
import { relionAnglesOfRotation } from './orientation.ts';
import { createRandom } from './random.ts';

describe('relionAnglesOfRotation', () => {
  it('gives angles whose RELION matrix is the transpose of the rotation', () => {
    const random = createRandom(11);
    const rotations = Array.from({ length: 200 }, () => random.rotation());
    // Gimbal cases: tilt 0 and tilt 180.
    const c = Math.cos(0.3);
    const s = Math.sin(0.3);
    rotations.push([c, -s, 0, s, c, 0, 0, 0, 1], [c, s, 0, s, -c, 0, 0, 0, -1]);
    for (const r of rotations) {
      const [rot, tilt, psi] = relionAnglesOfRotation(r);
      expect(tilt).toBeGreaterThanOrEqual(0);
      expect(tilt).toBeLessThanOrEqual(180);
      const a = relionEulerToMatrix(rot, tilt, psi);
      for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expect(a[i]![j]).toBeCloseTo(r[3 * j + i]!, 9);
    }
  });
});
