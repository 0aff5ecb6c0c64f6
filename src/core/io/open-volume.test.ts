import { describe, expect, it } from 'vitest';
import { computeStats, type Volume } from '../volume/volume.ts';
import { openVolume } from './open-volume.ts';
import { writeMrc } from './mrc/mrc-write.ts';
import { writeTiffFixture } from './tiff/tiff-fixture.ts';

const data = new Int16Array(4 * 3 * 2).map((_, i) => i * 7 - 50);
const volume: Volume = { nx: 4, ny: 3, nz: 2, voxelSize: [8, 8, 8], origin: [0, 0, 0], dtype: 'int16', data, stats: computeStats({ dtype: 'int16', data }) };
const mrc = writeMrc(volume);
const blobOf = (bytes: Uint8Array) => new Blob([bytes as BlobPart]);

describe('openVolume', () => {
  it('opens MRC by content whatever the extension', async () => {
    const opened = await openVolume(blobOf(mrc), 'tomo.rec');
    expect(opened.format).toBe('mrc');
    expect(Array.from(opened.volume.data)).toEqual(Array.from(data));
    expect(opened.header?.mode).toBe(1);
  });

  it('opens gzipped MRC and reports progress up to 1', async () => {
    const gz = await new Response(blobOf(mrc).stream().pipeThrough(new CompressionStream('gzip'))).blob();
    const seen: number[] = [];
    const opened = await openVolume(gz, 'tomo.mrc.gz', { onProgress: (f) => seen.push(f) });
    expect(Array.from(opened.volume.data)).toEqual(Array.from(data));
    expect(seen.at(-1)).toBe(1);
    expect(seen.every((f, k) => k === 0 || f >= seen[k - 1]!)).toBe(true);
  });

  it('opens TIFF by its magic bytes', async () => {
    const tiff = writeTiffFixture([{ width: 2, height: 2, bitsPerSample: 8, sampleFormat: 1, samples: [1, 2, 3, 4] }]);
    const opened = await openVolume(blobOf(tiff), 'stack.bin');
    expect([opened.format, opened.volume.nz, Array.from(opened.volume.data)]).toEqual(['tiff', 1, [1, 2, 3, 4]]);
  });

  it('refuses bzip2, empty and unknown files with the file name in the message', async () => {
    await expect(openVolume(blobOf(new TextEncoder().encode('BZh91AY&SY')), 'map.mrc.bz2')).rejects.toThrow(/bzip2-compressed files are not supported: decompress first \(bunzip2 -k "map.mrc.bz2"\)/);
    await expect(openVolume(new Blob([]), 'empty.mrc')).rejects.toThrow(/empty.mrc is empty/);
    await expect(openVolume(blobOf(new TextEncoder().encode('hello '.repeat(400))), 'notes.txt')).rejects.toThrow(/^notes.txt: not an MRC\/CCP4 file.*\(expected \.mrc/);
  });
});
