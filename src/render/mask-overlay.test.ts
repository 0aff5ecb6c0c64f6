import { describe, expect, it } from 'vitest';
import { AUTO_RGB, composeMaskOverlay, PAINTED_RGB } from './mask-overlay.ts';

describe('composeMaskOverlay', () => {
  it('hatches painted exclusions, tints automatic ones where the painted mask keeps, leaves kept voxels clear', () => {
    // 4 × 2: painted excludes columns 0–1, auto excludes columns 1–2.
    const painted = Uint8Array.from([0, 0, 1, 1, 0, 0, 1, 1]);
    const auto = Uint8Array.from([1, 0, 0, 1, 1, 0, 0, 1]);
    const o = composeMaskOverlay(4, 2, painted, auto, 0.5);
    const px = (i: number) => [...o.data.slice(4 * i, 4 * i + 4)];
    expect(o.paintedPixels).toBe(4);
    expect(o.autoPixels).toBe(2);
    expect(px(0)).toEqual([...PAINTED_RGB, 128]); // (c + r) = 0: a full stripe
    expect(px(1)).toEqual([...PAINTED_RGB, 128]); // painted wins over auto
    expect(px(5)).toEqual([...PAINTED_RGB, 51]); // (c + r) = 2: a faint stripe
    expect(px(2)).toEqual([...AUTO_RGB, 89]);
    expect(px(3)).toEqual([0, 0, 0, 0]);
    // Hatching: a faint stripe two voxels along the diagonal.
    const wide = composeMaskOverlay(4, 1, new Uint8Array(4), undefined, 1);
    expect([...wide.data.filter((_, k) => k % 4 === 3)]).toEqual([255, 255, 102, 102]);
  });

  it('draws nothing for hidden masks and checks sizes and opacity', () => {
    const o = composeMaskOverlay(2, 2, undefined, undefined, 0.5);
    expect(o.data.every((v) => v === 0)).toBe(true);
    expect(() => composeMaskOverlay(2, 2, new Uint8Array(3), undefined, 0.5)).toThrow(/painted mask section holds 3 values/);
    expect(() => composeMaskOverlay(2, 2, undefined, undefined, 2)).toThrow(/opacity/);
  });
});
