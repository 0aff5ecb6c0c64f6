/**
 * readTiffStack: ImageJ / OME / plain multi-page TIFF → Volume, one page per z section, decoded by
 * geotiff (strips, tiles, LZW/Deflate/PackBits, either byte order) on demand from a Blob/File or
 * any ByteSource. 8/16-bit integers keep their dtype; 32-bit float stays float32; 32-bit integers
 * and 64-bit floats become float32 (with a warning). Optional 2×/4× binning streams page by page.
 */
import { GeoTIFF, type GeoTIFFImage } from 'geotiff';
import { allocateVoxels, type Volume, type VoxelArray, type VoxelDType } from '../../volume/volume.ts';
import { StatsAccumulator } from '../../volume/stats-accumulator.ts';
import { VolumeBinner, type BinFactor } from '../../volume/bin.ts';
import { readClipped, toByteSource, type ByteSource } from '../byte-source.ts';
import { stackLayout, type StackLayout, type TiffTags } from './tiff-metadata.ts';

export interface ReadTiffOptions {
  bin?: BinFactor;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
}

export interface TiffReadResult {
  volume: Volume;
  layout: StackLayout;
  warnings: string[];
}

type TiffSource = Parameters<typeof GeoTIFF.fromSource>[0];

/**
 * Adapts a ByteSource to geotiff's source interface (its own Blob source needs FileReader, which
 * Node lacks). geotiff may ask for more than is left (header blocks), as Blob.slice allows: clip.
 */
class GeoTiffByteSource {
  constructor(private readonly source: ByteSource) {}
  async fetch(slices: { offset: number; length: number }[], signal?: AbortSignal): Promise<ArrayBuffer[]> {
    signal?.throwIfAborted();
    return Promise.all(slices.map((s) => this.fetchBuffer(s.offset, s.length)));
  }
  async fetchSlice(slice: { offset: number; length: number }) {
    return { ...slice, data: await this.fetchBuffer(slice.offset, slice.length) };
  }
  get fileSize(): number {
    return this.source.size;
  }
  async close(): Promise<void> {}
  private async fetchBuffer(offset: number, length: number): Promise<ArrayBuffer> {
    const bytes = await readClipped(this.source, offset, length);
    const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
    return (whole ? bytes.buffer : bytes.slice().buffer) as ArrayBuffer;
  }
}

function sampleDtype(bits: number, format: number): { dtype: VoxelDType; warning?: string } {
  if (bits === 8) return { dtype: format === 2 ? 'int8' : 'uint8' };
  if (bits === 16 && format !== 3) return { dtype: format === 2 ? 'int16' : 'uint16' };
  if ((bits === 32 || bits === 16) && format === 3) return { dtype: 'float32' };
  if (bits === 32 || (bits === 64 && format === 3)) {
    return { dtype: 'float32', warning: `${bits}-bit ${format === 3 ? 'float' : 'integer'} samples converted to float32` };
  }
  throw new Error(`${bits}-bit TIFF samples (SampleFormat ${format}) are not supported: use 8, 16 or 32-bit grayscale`);
}

async function tagsOf(image: GeoTIFFImage): Promise<TiffTags> {
  const fd = image.fileDirectory;
  const number = async (name: 'XResolution' | 'YResolution' | 'ResolutionUnit') => {
    const raw: unknown = await fd.loadValue(name);
    if (raw === undefined || raw === null) return undefined;
    // RATIONAL tags arrive as [numerator, denominator] (a Uint32Array in geotiff 3).
    const pair = raw as ArrayLike<number>;
    const value = typeof raw === 'object' && pair.length >= 2 ? Number(pair[0]) / Number(pair[1]) : Number(raw);
    return Number.isFinite(value) ? value : undefined;
  };
  const description: unknown = await fd.loadValue('ImageDescription');
  return {
    description: typeof description === 'string' ? description : undefined,
    xResolution: await number('XResolution'),
    yResolution: await number('YResolution'),
    resolutionUnit: await number('ResolutionUnit'),
  };
}

async function openTiff(source: ByteSource, signal?: AbortSignal): Promise<GeoTIFF> {
  try {
    return await GeoTIFF.fromSource(new GeoTiffByteSource(source) as unknown as TiffSource, undefined, signal);
  } catch (err) {
    signal?.throwIfAborted();
    throw new Error(`not a readable TIFF: ${(err as Error).message}`);
  }
}

export async function readTiffStack(input: Blob | ByteSource, options: ReadTiffOptions = {}): Promise<TiffReadResult> {
  const { bin = 1, signal, onProgress } = options;
  const tiff = await openTiff(toByteSource(input), signal);
  const pageCount = await tiff.getImageCount();
  const first = await tiff.getImage(0);
  const layout = stackLayout(await tagsOf(first), pageCount);
  const nx = first.getWidth();
  const ny = first.getHeight();
  const { nz } = layout;
  if (first.getSamplesPerPixel() !== 1) {
    throw new Error(`TIFF has ${first.getSamplesPerPixel()} samples per pixel (RGB?); a tomogram needs one grayscale sample`);
  }
  const { dtype, warning } = sampleDtype(first.getBitsPerSample(), first.getSampleFormat());
  const warnings = [...layout.warnings, ...(warning ? [warning] : [])];
  const sectionSize = nx * ny;
  const binner = bin > 1 ? new VolumeBinner(nx, ny, nz, bin, dtype) : null;
  const data: VoxelArray = binner ? allocateVoxels(dtype, sectionSize) : allocateVoxels(dtype, sectionSize * nz);
  const stats = new StatsAccumulator(binner ? 'float32' : dtype);
  for (let z = 0; z < nz; z++) {
    signal?.throwIfAborted();
    const page = await tiff.getImage(layout.pageOf(z));
    if (page.getWidth() !== nx || page.getHeight() !== ny || page.getBitsPerSample() !== first.getBitsPerSample()) {
      throw new Error(
        `page ${layout.pageOf(z)} is ${page.getWidth()}×${page.getHeight()} at ${page.getBitsPerSample()} bits, page 0 is ${nx}×${ny} at ${first.getBitsPerSample()} bits: not a stack`,
      );
    }
    const raster = (await page.readRasters({ interleave: true, signal })) as unknown as ArrayLike<number>;
    if (binner) {
      data.set(raster);
      binner.addSections(data);
    } else {
      data.set(raster, z * sectionSize);
      stats.add(data, z * sectionSize, (z + 1) * sectionSize);
    }
    onProgress?.((z + 1) / nz);
  }
  if (binner) {
    stats.add(binner.out);
    const volume: Volume = {
      nx: binner.bnx,
      ny: binner.bny,
      nz: binner.bnz,
      ...binner.geometry(layout.voxelSize, [0, 0, 0]),
      dtype: 'float32',
      data: binner.out,
      stats: stats.result(),
    };
    return { volume, layout, warnings };
  }
  const volume: Volume = { nx, ny, nz, voxelSize: layout.voxelSize, origin: [0, 0, 0], dtype, data, stats: stats.result() };
  const nonFinite = volume.stats.nonFinite;
  return { volume, layout, warnings: nonFinite ? [...warnings, `${nonFinite} voxels are NaN or ±Inf; statistics leave them out`] : warnings };
}
