import { describe, expect, it } from 'vitest';
import { MRC_HEADER_BYTES, parseMrcHeader, serializeMrcHeader, type MrcHeaderFields } from './mrc-header.ts';
import { IMOD_STAMP, mode0Signedness } from './signedness.ts';
import { swapBytesInPlace } from './byte-order.ts';

const fields: MrcHeaderFields = {
  nx: 7, ny: 5, nz: 3, mode: 0, nxstart: -2, nystart: 4, nzstart: 1, mx: 7, my: 5, mz: 3,
  cella: [14, 10, 6], cellb: [90, 90, 90], mapc: 1, mapr: 2, maps: 3,
  dmin: -3, dmax: 9, dmean: 2.5, rms: 1.25, ispg: 1, nsymbt: 0, exttyp: 'MRCO', nversion: 20141,
  origin: [1.5, -2, 3], labels: ['one', 'two'],
};

describe('MRC header', () => {
  for (const littleEndian of [true, false]) {
    it(`serializes and parses back every field (${littleEndian ? 'little' : 'big'}-endian)`, () => {
      const bytes = serializeMrcHeader(fields, littleEndian);
      expect(bytes.length).toBe(MRC_HEADER_BYTES);
      const { header, warnings } = parseMrcHeader(bytes);
      expect(header).toMatchObject(fields);
      expect(header.machineStamp).toEqual(littleEndian ? [0x44, 0x44, 0, 0] : [0x11, 0x11, 0, 0]);
      expect([header.littleEndian, header.hasMapTag, header.headerStatsComputed]).toEqual([littleEndian, true, true]);
      expect(warnings).toEqual([]);
    });
  }

  it('flags "not computed" header statistics (DMIN > DMAX or RMS < 0)', () => {
    const { header } = parseMrcHeader(serializeMrcHeader({ ...fields, dmin: 2, dmax: 1, rms: -1 }, true));
    expect(header.headerStatsComputed).toBe(false);
  });

  it('trusts MODE/NX over a machine stamp that contradicts them, with a warning', () => {
    const bytes = serializeMrcHeader(fields, false);
    bytes.set([0x44, 0x44], 212); // claims little-endian
    const { header, warnings } = parseMrcHeader(bytes);
    expect([header.littleEndian, header.byteOrderSource, header.nx]).toEqual([false, 'heuristic', 7]);
    expect(warnings.join()).toMatch(/machine stamp says little-endian/);
  });

  it('applies the mode-0 signedness rule: IMOD flags, then MAP tag, then unsigned', () => {
    expect(mode0Signedness(1, false)).toEqual({ signed: true, rule: 'imod-flags' });
    expect(mode0Signedness(0, true)).toEqual({ signed: false, rule: 'imod-flags' });
    expect(mode0Signedness(null, true)).toEqual({ signed: true, rule: 'map-tag' });
    expect(mode0Signedness(null, false)).toEqual({ signed: false, rule: 'legacy-unsigned' });
    const bytes = serializeMrcHeader(fields, true);
    const view = new DataView(bytes.buffer);
    view.setInt32(152, IMOD_STAMP, true);
    view.setInt32(156, 0, true);
    expect(parseMrcHeader(bytes).header).toMatchObject({ imodFlags: 0, int8Signed: false, signednessRule: 'imod-flags' });
    bytes.fill(0, 152, 160);
    bytes.fill(0, 208, 212);
    expect(parseMrcHeader(bytes).header).toMatchObject({ hasMapTag: false, int8Signed: false, signednessRule: 'legacy-unsigned' });
  });

  it('refuses more than 10 labels', () => {
    expect(() => serializeMrcHeader({ ...fields, labels: Array(11).fill('x') }, true)).toThrow(/at most 10 labels/);
  });

  it('swaps 2- and 4-byte elements and refuses misaligned data', () => {
    const bytes = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]);
    swapBytesInPlace(bytes, 4);
    expect(Array.from(bytes)).toEqual([4, 3, 2, 1, 8, 7, 6, 5]);
    swapBytesInPlace(bytes, 2);
    expect(Array.from(bytes)).toEqual([3, 4, 1, 2, 7, 8, 5, 6]);
    expect(() => swapBytesInPlace(bytes.subarray(1, 5), 4)).toThrow(/aligned/);
  });
});
