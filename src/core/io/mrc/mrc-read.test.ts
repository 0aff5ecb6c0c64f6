import { describe, expect, it } from 'vitest';
import { allocateVoxels, computeStats, numberToFloat16Bits, voxelValue, type Volume, type VoxelDType } from '../../volume/volume.ts';
import { binVolume } from '../../volume/bin.ts';
import { readMrc } from './mrc-read.ts';
import { writeMrc } from './mrc-write.ts';
import type { ByteSource } from '../byte-source.ts';

const blobOf = (bytes: Uint8Array) => new Blob([bytes as BlobPart]);

/** v = x + 10y + 100z scaled into the dtype's range (so each dtype's extremes are exercised). */
function rampVolume(dtype: VoxelDType, nx = 6, ny = 5, nz = 4): Volume {
  const data = allocateVoxels(dtype, nx * ny * nz);
  const value = (i: number) => {
    const x = i % nx;
    const y = Math.floor(i / nx) % ny;
    const z = Math.floor(i / (nx * ny));
    const v = x + 10 * y + 100 * z;
    switch (dtype) {
      case 'int8': return (v % 256) - 128;
      case 'uint8': return v % 256;
      case 'int16': return v * 90 - 16000;
      case 'uint16': return v * 180;
      case 'float16': return numberToFloat16Bits(v / 4 - 10);
      case 'float32': return v * 0.5 - 3.25;
    }
  };
  for (let i = 0; i < data.length; i++) data[i] = value(i);
  const partial = { dtype, data };
  return { nx, ny, nz, voxelSize: [2, 3, 4.5], origin: [10, -20, 30.5], dtype, data, stats: computeStats(partial) };
}

/** Writes a volume, then patches header words (little-endian int32 at byte offsets). */
function patched(volume: Volume, words: Record<number, number>, extraBytes = 0): Uint8Array {
  const file = writeMrc(volume);
  const out = new Uint8Array(file.length + extraBytes);
  out.set(file);
  const view = new DataView(out.buffer);
  for (const [offset, value] of Object.entries(words)) view.setInt32(Number(offset), value, true);
  return out;
}

describe('readMrc round trips of writeMrc', () => {
  const dtypes: VoxelDType[] = ['int8', 'uint8', 'int16', 'uint16', 'float16', 'float32'];
  for (const dtype of dtypes) {
    for (const littleEndian of [true, false]) {
      it(`${dtype}, ${littleEndian ? 'little' : 'big'}-endian`, async () => {
        const original = rampVolume(dtype);
        const { volume, header, warnings } = await readMrc(blobOf(writeMrc(original, { littleEndian })));
        expect(header.littleEndian).toBe(littleEndian);
        expect(header.byteOrderSource).toBe('machine-stamp');
        // uint8 is written as mode 6 (MRC2014 mode 0 is signed), so it comes back as uint16.
        expect(volume.dtype).toBe(dtype === 'uint8' ? 'uint16' : dtype);
        expect([volume.nx, volume.ny, volume.nz]).toEqual([6, 5, 4]);
        expect(volume.voxelSize).toEqual([2, 3, 4.5]);
        expect(volume.origin).toEqual([10, -20, 30.5]);
        for (let i = 0; i < original.data.length; i++) expect(voxelValue(volume, i)).toBe(voxelValue(original, i));
        expect(volume.stats).toEqual(computeStats(volume));
        expect(header.headerStatsComputed).toBe(true);
        expect(header.dmin).toBeCloseTo(original.stats.min, 4);
        expect(warnings).toEqual([]);
      });
    }
  }

  it('keeps labels and marks mode 0 as signed by the MAP tag', async () => {
    const { header } = await readMrc(blobOf(writeMrc(rampVolume('int8'), { labels: ['first', 'second'] })));
    expect(header.labels).toEqual(['first', 'second']);
    expect([header.int8Signed, header.signednessRule]).toEqual([true, 'map-tag']);
  });
});

describe('readMrc chunks, progress and cancellation', () => {
  const volume = rampVolume('float32', 16, 16, 12);
  const file = blobOf(writeMrc(volume));

  it('reads in chunks with increasing progress ending at 1', async () => {
    const seen: number[] = [];
    const { volume: read } = await readMrc(file, { chunkBytes: 1000, onProgress: (f) => seen.push(f) });
    expect(Array.from(read.data)).toEqual(Array.from(volume.data));
    expect(seen.length).toBe(Math.ceil((16 * 16 * 12 * 4) / 1000));
    expect(seen.every((f, k) => k === 0 || f > seen[k - 1]!)).toBe(true);
    expect(seen.at(-1)).toBe(1);
  });

  it('stops with an AbortError when the signal fires mid-read', async () => {
    const controller = new AbortController();
    const run = readMrc(file, { chunkBytes: 1024, signal: controller.signal, onProgress: (f) => f > 0.3 && controller.abort() });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('refuses to start when already aborted', async () => {
    await expect(readMrc(file, { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
  });

  for (const factor of [2, 4] as const) {
    it(`bins ${factor}× while streaming, equal to binning the full volume`, async () => {
      const streamed = await readMrc(file, { bin: factor, chunkBytes: 3000 });
      const reference = binVolume(volume, factor);
      expect([streamed.volume.nx, streamed.volume.ny, streamed.volume.nz]).toEqual([reference.nx, reference.ny, reference.nz]);
      expect(Array.from(streamed.volume.data)).toEqual(Array.from(reference.data));
      expect(streamed.volume.voxelSize).toEqual([2 * factor, 3 * factor, 4.5 * factor]);
    });
  }
});

/** An in-memory source that can fill buffers directly, logging which method served each read. */
function directSource(bytes: Uint8Array, log: string[]): ByteSource {
  return {
    size: bytes.byteLength,
    read: async (offset, length) => {
      log.push(`read ${offset}+${length}`);
      return bytes.slice(offset, offset + length);
    },
    readInto: async (offset, target) => {
      log.push(`readInto ${offset}+${target.byteLength}`);
      target.set(bytes.subarray(offset, offset + target.byteLength));
    },
  };
}

describe('readMrc from a ByteSource with readInto', () => {
  for (const littleEndian of [true, false]) {
    it(`fills the volume straight from the source, chunk by chunk (${littleEndian ? 'little' : 'big'}-endian)`, async () => {
      const original = rampVolume('int16', 16, 16, 12);
      const file = writeMrc(original, { littleEndian });
      const log: string[] = [];
      const seen: number[] = [];
      const direct = await readMrc(directSource(file, log), { chunkBytes: 1000, onProgress: (f) => seen.push(f) });
      const viaBlob = await readMrc(blobOf(file), { chunkBytes: 1000 });
      expect(log[0]).toBe('read 0+1024'); // the header
      expect(log.slice(1)).toEqual(Array.from({ length: 7 }, (_, k) => `readInto ${1024 + k * 1000}+${k < 6 ? 1000 : 6144 - 6000}`));
      expect(seen).toHaveLength(7);
      expect(Array.from(direct.volume.data)).toEqual(Array.from(original.data));
      expect(Array.from(direct.volume.data)).toEqual(Array.from(viaBlob.volume.data));
      expect(direct.volume.stats).toEqual(viaBlob.volume.stats);
    });
  }

  it('has no read in flight once it rejects (abort, or a failing progress callback)', async () => {
    const file = writeMrc(rampVolume('float32', 16, 16, 12));
    let inFlight = 0;
    const source = directSource(file, []);
    const slow: ByteSource = {
      ...source,
      readInto: async (offset, target) => {
        inFlight++;
        await new Promise((resolve) => setTimeout(resolve, 5));
        await source.readInto!(offset, target);
        inFlight--;
      },
    };
    const controller = new AbortController();
    const aborted = readMrc(slow, { chunkBytes: 1024, signal: controller.signal, onProgress: (f) => f > 0.3 && controller.abort() });
    await expect(aborted).rejects.toMatchObject({ name: 'AbortError' });
    expect(inFlight).toBe(0);
    const failing = readMrc(slow, {
      chunkBytes: 1024,
      onProgress: (f) => {
        if (f > 0.3) throw new Error('progress sink went away');
      },
    });
    await expect(failing).rejects.toThrow('progress sink went away');
    expect(inFlight).toBe(0);
  });
});

describe('readMrc layouts', () => {
  it('reorders permuted MAPC/MAPR/MAPS to x fastest', async () => {
    // Stored with columns = y, rows = z, sections = x (MAPC/MAPR/MAPS = 2,3,1): file dims 5×4×6.
    const stored = rampVolume('float32', 5, 4, 6);
    const file = patched(stored, { 64: 2, 68: 3, 72: 1 });
    const { volume, warnings } = await readMrc(blobOf(file));
    expect([volume.nx, volume.ny, volume.nz]).toEqual([6, 5, 4]);
    for (const [c, r, s] of [[0, 0, 0], [4, 0, 0], [1, 3, 2], [4, 3, 5]] as const) {
      const fileValue = stored.data[c + 5 * (r + 4 * s)];
      expect(volume.data[s + 6 * (c + 5 * r)]).toBe(fileValue); // x = s, y = c, z = r
    }
    expect(warnings.join()).toMatch(/MAPC\/MAPR\/MAPS = 2,3,1; reordered/);
    const binned = await readMrc(blobOf(file), { bin: 2 });
    expect([binned.volume.nx, binned.volume.ny, binned.volume.nz]).toEqual([3, 3, 2]);
  });

  it('opens the chosen volume of a volume stack', async () => {
    const stack = rampVolume('float32', 3, 2, 4);
    const file = patched(stack, { 36: 2, 88: 401 }); // MZ = 2 sections per volume, ISPG 401
    const second = await readMrc(blobOf(file), { volumeIndex: 1 });
    expect(second.volume.nz).toBe(2);
    expect(Array.from(second.volume.data)).toEqual(Array.from(stack.data.subarray(12)));
    expect(second.warnings.join()).toMatch(/volume stack of 2 volumes .* opened volume 1/);
    await expect(readMrc(blobOf(file), { volumeIndex: 2 })).rejects.toThrow(/volume 2 requested but the stack holds volumes 0–1/);
  });

  it('skips the extended header and warns about trailing bytes', async () => {
    const base = writeMrc(rampVolume('int16'));
    const withExt = new Uint8Array(base.length + 96 + 7);
    withExt.set(base.subarray(0, 1024));
    withExt.set(base.subarray(1024), 1024 + 96);
    new DataView(withExt.buffer).setInt32(92, 96, true);
    const { volume, warnings } = await readMrc(blobOf(withExt));
    expect(Array.from(volume.data)).toEqual(Array.from(rampVolume('int16').data));
    expect(warnings).toEqual(['7 bytes after the voxel data are ignored']);
  });

  it('counts NaN/Inf voxels, warns, and leaves them out of the statistics', async () => {
    const v = rampVolume('float32', 4, 4, 4);
    v.data[3] = NaN;
    v.data[10] = Infinity;
    v.data[11] = -Infinity;
    const { volume, warnings } = await readMrc(blobOf(writeMrc(v)), { chunkBytes: 64 });
    expect(volume.stats.nonFinite).toBe(3);
    expect(Number.isFinite(volume.stats.mean)).toBe(true);
    expect(volume.stats).toEqual(computeStats(volume));
    expect(warnings).toEqual(['3 voxels are NaN or ±Inf; statistics leave them out']);
    const binned = await readMrc(blobOf(writeMrc(v)), { bin: 2 });
    expect(binned.warnings).toEqual(['3 voxels are NaN or ±Inf; statistics leave them out']);
    expect(Number.isFinite(binned.volume.data[0]!)).toBe(true);
  });

  it('uses the byte-order heuristic when the machine stamp is zero', async () => {
    for (const littleEndian of [true, false]) {
      const file = writeMrc(rampVolume('int16'), { littleEndian });
      file.fill(0, 212, 216);
      const { volume, header } = await readMrc(blobOf(file));
      expect([header.littleEndian, header.byteOrderSource]).toEqual([littleEndian, 'heuristic']);
      expect(Array.from(volume.data)).toEqual(Array.from(rampVolume('int16').data));
    }
  });
});

describe('readMrc refuses bad input with a specific message', () => {
  const good = rampVolume('float32');
  const cases: [string, () => Uint8Array, RegExp][] = [
    ['shorter than a header', () => writeMrc(good).subarray(0, 500), /file is 500 bytes; an MRC header needs 1024/],
    ['header only', () => writeMrc(good).subarray(0, 1024), /file has 0 bytes of data, header needs 480/],
    ['truncated data', () => writeMrc(good).subarray(0, 1024 + 100), /file has 100 bytes of data, header needs 480/],
    ['negative dimension', () => patched(good, { 4: -5 }), /NX×NY×NZ = 6×-5×4 must all be positive/],
    ['absurd dimensions', () => patched(good, { 0: 100000, 4: 100000, 8: 1000 }), /header needs 40000000000000 /],
    ['NSYMBT past the end', () => patched(good, { 92: 1 << 20 }), /NSYMBT = 1048576 bytes\) runs past the end/],
    ['negative NSYMBT', () => patched(good, { 92: -8 }), /NSYMBT = -8 is negative/],
    ['mode 4', () => patched(good, { 12: 4 }), /complex data \(mode 4\) is not a tomogram/],
    ['mode 101', () => patched(good, { 12: 101 }), /mode 101 \(4-bit packed\) is not supported/],
    ['bad axis mapping', () => patched(good, { 64: 1, 68: 1, 72: 3 }), /MAPC\/MAPR\/MAPS = 1,1,3 is not a permutation/],
    ['not an MRC at all', () => new TextEncoder().encode('x'.repeat(2048)), /not an MRC\/CCP4 file/],
  ];
  for (const [name, make, message] of cases) {
    it(name, async () => {
      await expect(readMrc(blobOf(make()))).rejects.toThrow(message);
    });
  }

  it('asks for a volume a single-volume file does not have', async () => {
    await expect(readMrc(blobOf(writeMrc(good)), { volumeIndex: 1 })).rejects.toThrow(/volume 1 requested but the file holds a single volume/);
  });
});
