import { mkdtempSync, openAsBlob, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openFileSource, withFileSource, type FileByteSource } from './file-source.ts';
import { readMrc } from '../core/io/mrc/mrc-read.ts';
import { openVolume } from '../core/io/open-volume.ts';
import { writeMrc } from '../core/io/mrc/mrc-write.ts';
import { allocateVoxels, computeStats, numberToFloat16Bits, type Volume, type VoxelDType } from '../core/volume/volume.ts';

const dir = mkdtempSync(join(tmpdir(), 'tomopick-file-source-'));
const bytes = new Uint8Array(5000).map((_, i) => (i * 13) % 256);
const plainPath = join(dir, 'bytes.bin');
writeFileSync(plainPath, bytes);

/** Pseudo-random values over each dtype's range (negative zero and extremes included by chance). */
function noiseVolume(dtype: VoxelDType, nx = 13, ny = 11, nz = 7): Volume {
  const data = allocateVoxels(dtype, nx * ny * nz);
  let seed = 99;
  for (let i = 0; i < data.length; i++) {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    const u = seed / 2 ** 32;
    switch (dtype) {
      case 'int8': data[i] = (seed >>> 24) - 128; break;
      case 'uint8': data[i] = seed >>> 24; break;
      case 'int16': data[i] = (seed >>> 16) - 32768; break;
      case 'uint16': data[i] = seed >>> 16; break;
      case 'float16': data[i] = numberToFloat16Bits((u - 0.5) * 100); break;
      case 'float32': data[i] = (u - 0.5) * 1e4; break;
    }
  }
  return { nx, ny, nz, voxelSize: [4, 4, 5], origin: [0, 0, 0], dtype, data, stats: computeStats({ dtype, data }) };
}

describe('file source', () => {
  it('reads any range, and fills part of a larger buffer in place', async () => {
    await withFileSource(plainPath, async (source) => {
      expect([source.size, source.name]).toEqual([5000, 'bytes.bin']);
      expect(Array.from(await source.read(4990, 10))).toEqual(Array.from(bytes.subarray(4990)));
      expect((await source.read(0, 0)).byteLength).toBe(0);
      const target = new Uint8Array(100).fill(255);
      await source.readInto(1234, target.subarray(10, 90));
      expect(Array.from(target.subarray(10, 90))).toEqual(Array.from(bytes.subarray(1234, 1314)));
      expect(target[9]).toBe(255);
      expect(target[90]).toBe(255);
    });
  });

  it('says the file shrank when asked for bytes past its end', async () => {
    await withFileSource(plainPath, async (source) => {
      await expect(source.read(4990, 20)).rejects.toThrow('file shrank while reading: got 10 bytes at offset 4990, expected 20');
      await expect(source.readInto(6000, new Uint8Array(4))).rejects.toThrow('file shrank while reading: got 0 bytes at offset 6000, expected 4');
    });
  });

  it('closes the file even when the work fails', async () => {
    let kept: FileByteSource | undefined;
    await expect(
      withFileSource(plainPath, async (source) => {
        kept = source;
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await expect(kept!.read(0, 1)).rejects.toThrow(/closed|EBADF/);
  });

  it('refuses directories and reports missing files by their errno', async () => {
    await expect(openFileSource(dir)).rejects.toThrow(`${dir} is a directory, not a file`);
    await expect(openFileSource(join(dir, 'nope.mrc'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('MRC through the file source', () => {
  it('gives the Blob path\'s error for a file shorter than its header says', async () => {
    const path = join(dir, 'cut.mrc');
    writeFileSync(path, writeMrc(noiseVolume('float32')).subarray(0, 1024 + 100));
    const viaBlob = await readMrc(await openAsBlob(path)).catch((err: Error) => err.message);
    const viaFile = await withFileSource(path, (source) => readMrc(source)).catch((err: Error) => err.message);
    expect(viaBlob).toMatch(/file has 100 bytes of data, header needs 4004 .* truncated/);
    expect(viaFile).toBe(viaBlob);
  });

  it('says the file shrank when it is cut while open', async () => {
    const path = join(dir, 'shrinking.mrc');
    writeFileSync(path, writeMrc(noiseVolume('float32')));
    await withFileSource(path, async (source) => {
      truncateSync(path, 2000);
      await expect(readMrc(source, { chunkBytes: 512 })).rejects.toThrow(/file shrank while reading: got \d+ bytes at offset \d+, expected 512/);
    });
  });

  it('stops with an AbortError mid-read and still closes the file', async () => {
    const path = join(dir, 'abort.mrc');
    writeFileSync(path, writeMrc(noiseVolume('float32')));
    const controller = new AbortController();
    let kept: FileByteSource | undefined;
    const run = withFileSource(path, (source) => {
      kept = source;
      return readMrc(source, { chunkBytes: 1024, signal: controller.signal, onProgress: (f) => f > 0.3 && controller.abort() });
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    await expect(kept!.read(0, 1)).rejects.toThrow(/closed|EBADF/);
  });

  // The zero-copy path (readInto straight into the volume) against the Blob path (read + copy).
  const dtypes: VoxelDType[] = ['int8', 'uint8', 'int16', 'uint16', 'float16', 'float32'];
  for (const dtype of dtypes) {
    for (const littleEndian of [true, false]) {
      it(`${dtype}, ${littleEndian ? 'little' : 'big'}-endian: same volume, header and statistics as the Blob path`, async () => {
        const original = noiseVolume(dtype);
        const path = join(dir, `${dtype}-${littleEndian ? 'le' : 'be'}.mrc`);
        writeFileSync(path, writeMrc(original, { littleEndian }));
        for (const chunkBytes of [300, undefined]) {
          const viaFile = await withFileSource(path, (source) => readMrc(source, { chunkBytes }));
          const viaBlob = await readMrc(await openAsBlob(path), { chunkBytes });
          expect(viaFile.volume.dtype).toBe(viaBlob.volume.dtype);
          expect(Buffer.from(viaFile.volume.data.buffer).equals(Buffer.from(viaBlob.volume.data.buffer))).toBe(true);
          expect(viaFile.volume.stats).toEqual(viaBlob.volume.stats);
          const whole = computeStats(viaFile.volume); // one pass: sums may differ from the chunked ones in the last bits
          for (const key of ['min', 'max', 'mean', 'rms', 'nonFinite'] as const) expect(viaFile.volume.stats[key]).toBeCloseTo(whole[key], 6);
          expect(viaFile.header).toEqual(viaBlob.header);
          expect(viaFile.warnings).toEqual(viaBlob.warnings);
        }
        expect(Array.from(original.data)).toEqual(Array.from((await withFileSource(path, (s) => readMrc(s))).volume.data));
      });
    }
  }

  it('opens gzip and binned files through openVolume as the Blob path does', async () => {
    const path = join(dir, 'binned.mrc');
    writeFileSync(path, writeMrc(noiseVolume('int16', 16, 12, 8), { littleEndian: false }));
    const viaFile = await withFileSource(path, (source) => openVolume(source, 'binned.mrc', { bin: 2 }));
    const viaBlob = await openVolume(await openAsBlob(path), 'binned.mrc', { bin: 2 });
    expect(Array.from(viaFile.volume.data)).toEqual(Array.from(viaBlob.volume.data));
    const gzPath = join(dir, 'binned.mrc.gz');
    const gz = new Uint8Array(await new Response((await openAsBlob(path)).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer());
    writeFileSync(gzPath, gz);
    const inflated = await withFileSource(gzPath, (source) => openVolume(source, 'binned.mrc.gz', { bin: 2 }));
    expect(Array.from(inflated.volume.data)).toEqual(Array.from(viaBlob.volume.data));
  });
});
