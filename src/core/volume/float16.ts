/** IEEE 754 half-precision conversions (Node 20 has no Float16Array). */
const halfScratch = new Float32Array(1);
const halfScratchBits = new Uint32Array(halfScratch.buffer);

/** IEEE 754 half → float (handles subnormals, Inf and NaN). */
export function float16BitsToNumber(h: number): number {
  const sign = (h & 0x8000) << 16;
  const exp = (h >> 10) & 0x1f;
  const mant = h & 0x3ff;
  if (exp === 0) {
    const value = mant * 2 ** -24;
    return sign ? -value : value;
  }
  if (exp === 0x1f) {
    halfScratchBits[0] = sign | 0x7f800000 | (mant << 13);
    return halfScratch[0]!;
  }
  halfScratchBits[0] = sign | ((exp + 112) << 23) | (mant << 13);
  return halfScratch[0]!;
}

/** float → IEEE 754 half bits, round to nearest even. */
export function numberToFloat16Bits(value: number): number {
  halfScratch[0] = value;
  const f = halfScratchBits[0]!;
  const sign = (f >>> 16) & 0x8000;
  const exp = (f >>> 23) & 0xff;
  let mant = f & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  const e = exp - 112;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - e;
    const half = mant >> shift;
    const rem = mant & ((1 << shift) - 1);
    const mid = 1 << (shift - 1);
    return sign | (half + (rem > mid || (rem === mid && half & 1) ? 1 : 0));
  }
  const half = (e << 10) | (mant >> 13);
  const rem = mant & 0x1fff;
  return sign | (half + (rem > 0x1000 || (rem === 0x1000 && half & 1) ? 1 : 0));
}
