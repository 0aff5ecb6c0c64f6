import { describe, expect, it } from 'vitest';
import { readTiffStack } from './tiff-read.ts';
import { writeTiffFixture, type TiffFixturePage } from './tiff-fixture.ts';
import { openVolume } from '../open-volume.ts';

const nx = 5;
const ny = 3;
const ramp = (z: number, scale = 1, offset = 0) => Array.from({ length: nx * ny }, (_, i) => (i + 20 * z) * scale + offset);

function stack(bits: 8 | 16 | 32, fmt: 1 | 2 | 3, nz: number, scale = 1, offset = 0): TiffFixturePage[] {
  return Array.from({ length: nz }, (_, z) => ({ width: nx, height: ny, bitsPerSample: bits, sampleFormat: fmt, samples: ramp(z, scale, offset) }));
}

const blobOf = (bytes: Uint8Array) => new Blob([bytes as BlobPart]);

describe('readTiffStack', () => {
  const cases = [
    { bits: 8, fmt: 1, dtype: 'uint8', scale: 1, offset: 0 },
    { bits: 8, fmt: 2, dtype: 'int8', scale: 1, offset: -60 },
    { bits: 16, fmt: 1, dtype: 'uint16', scale: 700, offset: 0 },
    { bits: 16, fmt: 2, dtype: 'int16', scale: 300, offset: -9000 },
    { bits: 32, fmt: 3, dtype: 'float32', scale: 0.25, offset: -3 },
  ] as const;
  for (const c of cases) {
    for (const littleEndian of [true, false]) {
      it(`reads ${c.bits}-bit format ${c.fmt} ${littleEndian ? 'II' : 'MM'} pages as ${c.dtype} z sections`, async () => {
        const file = writeTiffFixture(stack(c.bits, c.fmt, 4, c.scale, c.offset), { littleEndian });
        const { volume } = await readTiffStack(blobOf(file));
        expect([volume.nx, volume.ny, volume.nz, volume.dtype]).toEqual([nx, ny, 4, c.dtype]);
        const expected = [0, 1, 2, 3].flatMap((z) => ramp(z, c.scale, c.offset));
        expect(Array.from(volume.data)).toEqual(expected);
        expect(volume.stats.min).toBe(Math.min(...expected));
        expect(volume.stats.max).toBe(Math.max(...expected));
      });
    }
  }

  it('takes the voxel size from ImageJ spacing/unit and XResolution', async () => {
    const description = 'ImageJ=1.54f\nimages=3\nslices=3\nunit=nm\nspacing=1.5\n';
    const file = writeTiffFixture(stack(8, 1, 3), { description, resolution: 1 / 1.25 });
    const { volume, warnings } = await readTiffStack(blobOf(file));
    expect(volume.voxelSize[0]).toBeCloseTo(12.5, 5);
    expect(volume.voxelSize[1]).toBeCloseTo(12.5, 5);
    expect(volume.voxelSize[2]).toBeCloseTo(15, 5);
    expect(warnings).toEqual([]);
  });

  it('opens the first channel of an ImageJ hyperstack and says so', async () => {
    const description = 'ImageJ=1.54f\nimages=6\nchannels=2\nslices=3\nhyperstack=true\nunit=micron\nspacing=0.001\n';
    const file = writeTiffFixture(stack(8, 1, 6), { description, resolution: 1000 });
    const { volume, warnings } = await readTiffStack(blobOf(file));
    expect(volume.nz).toBe(3);
    expect(Array.from(volume.data.subarray(nx * ny, nx * ny + 2))).toEqual(ramp(2).slice(0, 2)); // section 1 = page 2
    expect(volume.voxelSize.map((v) => Math.round(v * 1000) / 1000)).toEqual([10, 10, 10]);
    expect(warnings.join()).toMatch(/2 channel\(s\).*channel 1/);
  });

  it('bins on load page by page', async () => {
    const file = writeTiffFixture(stack(16, 1, 4), {});
    const { volume } = await readTiffStack(blobOf(file), { bin: 2 });
    expect([volume.nx, volume.ny, volume.nz, volume.dtype]).toEqual([3, 2, 2, 'float32']);
    // block (0,0,0): x 0–1, y 0–1, z 0–1 of v = x + 5y + 20z
    expect(volume.data[0]).toBeCloseTo((0 + 1 + 5 + 6 + 20 + 21 + 25 + 26) / 8, 5);
  });

  it('reports progress per page and stops when aborted', async () => {
    const file = writeTiffFixture(stack(8, 1, 5), {});
    const seen: number[] = [];
    await readTiffStack(blobOf(file), { onProgress: (f) => seen.push(f) });
    expect(seen).toEqual([0.2, 0.4, 0.6, 0.8, 1]);
    const controller = new AbortController();
    const run = readTiffStack(blobOf(file), { signal: controller.signal, onProgress: (f) => f >= 0.4 && controller.abort() });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('refuses pages of different sizes and non-TIFF bytes with a message', async () => {
    const pages = stack(8, 1, 2);
    pages[1] = { ...pages[1]!, width: 3, samples: ramp(1).slice(0, 9) };
    await expect(readTiffStack(blobOf(writeTiffFixture(pages)))).rejects.toThrow(/page 1 is 3×3 .* not a stack/);
    const truncated = writeTiffFixture(stack(8, 1, 2)).subarray(0, 40);
    await expect(openVolume(blobOf(truncated), 'cut.tif')).rejects.toThrow(/cut\.tif: /);
  });

  it('refuses an ImageJ raw stack that has fewer pages than images', async () => {
    const file = writeTiffFixture(stack(8, 1, 1), { description: 'ImageJ=1.54f\nimages=40\nslices=40\n' });
    await expect(readTiffStack(blobOf(file))).rejects.toThrow(/images=40 but the file has 1 page/);
  });
});
