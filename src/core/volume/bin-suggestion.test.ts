import { describe, expect, it } from 'vitest';
import { binOffer, DEFAULT_BIN_OFFER_BYTES } from './bin-suggestion.ts';

describe('bin offer', () => {
  it('offers nothing for a tomogram that fits', () => {
    expect(binOffer(512 * 512 * 200 * 4)).toBeNull();
    expect(binOffer(DEFAULT_BIN_OFFER_BYTES)).toBeNull();
  });
  it('offers 2× when an eighth fits, else 4×', () => {
    const big = 1024 * 1024 * 500 * 4; // 2 GB float32
    expect(binOffer(big)).toEqual({ fullBytes: big, suggested: 2, suggestedBytes: big / 8 });
    const huge = 4096 * 4096 * 1000 * 4; // 67 GB
    expect(binOffer(huge)).toMatchObject({ suggested: 4, suggestedBytes: huge / 64 });
    expect(binOffer(80, 10)).toMatchObject({ suggested: 2 });
    expect(binOffer(100, 10)).toMatchObject({ suggested: 4 });
  });
});
