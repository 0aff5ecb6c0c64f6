/**
 * readMrc: MRC/CCP4 from a Blob/File or ByteSource, read in chunks with progress and cancellation,
 * native dtype kept (chunks land straight in the volume's buffer and are byte-swapped in place
 * when the file is big-endian), statistics computed while reading, optional 2×/4× binning that
 * streams z-slabs and never holds the unbinned volume.
 */
import { allocateVoxels, BYTES_PER_VOXEL, type Vec3, type Volume, type VolumeStats, type VoxelArray, type VoxelDType } from '../../volume/volume.ts';
import { StatsAccumulator } from '../../volume/stats-accumulator.ts';
import { binVolume, VolumeBinner, type BinFactor } from '../../volume/bin.ts';
import { HOST_LITTLE_ENDIAN, swapBytesInPlace } from './byte-order.ts';
import { forEachSourceChunk, readSourceInto, type ChunkedReadOptions } from './source-chunks.ts';
import { toByteSource, type ByteSource } from '../byte-source.ts';
import { MRC_HEADER_BYTES, parseMrcHeader, type MrcHeaderInfo, type ParsedMrcHeader } from './mrc-header.ts';
import { planMrcLayout, type MrcLayout } from './mrc-layout.ts';
import { mrcGeometry } from './mrc-geometry.ts';
import { dtypeForMode } from './mrc-mode.ts';
import { isStandardAxisOrder, reorderToXFastest } from './axis-order.ts';
import { describeSignedness } from './signedness.ts';
import { viewAs } from './typed-view.ts';

export interface ReadMrcOptions extends ChunkedReadOptions {
  bin?: BinFactor;
  /** Which volume of a volume stack (ISPG 401–630) to open; 0-based, default 0. */
  volumeIndex?: number;
}

export interface MrcReadResult {
  volume: Volume;
  header: MrcHeaderInfo;
  layout: MrcLayout;
  warnings: string[];
}

interface VoxelSource {
  source: ByteSource;
  offset: number;
  dtype: VoxelDType;
  swap: boolean;
}

export async function readMrcHeader(input: Blob | ByteSource): Promise<ParsedMrcHeader> {
  const source = toByteSource(input);
  if (source.size < MRC_HEADER_BYTES) throw new Error(`file is ${source.size} bytes; an MRC header needs ${MRC_HEADER_BYTES}`);
  return parseMrcHeader(await source.read(0, MRC_HEADER_BYTES));
}

function allocate(dtype: VoxelDType, count: number): VoxelArray {
  try {
    return allocateVoxels(dtype, count);
  } catch (err) {
    const gb = ((count * BYTES_PER_VOXEL[dtype]) / 2 ** 30).toFixed(1);
    throw new Error(`cannot allocate ${gb} GiB for ${count} ${dtype} voxels (${(err as Error).message}); open it binned (2× or 4×)`);
  }
}

/**
 * Reads `count` voxels into one native-dtype array, accumulating statistics per chunk. The bytes
 * land in the array itself (no intermediate copy where the source has `readInto`) and are swapped
 * in place, so the file order is kept whatever the byte order.
 */
async function readNative(src: VoxelSource, count: number, options: ChunkedReadOptions): Promise<{ data: VoxelArray; stats: VolumeStats }> {
  const data = allocate(src.dtype, count);
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const bpe = BYTES_PER_VOXEL[src.dtype];
  const stats = new StatsAccumulator(src.dtype);
  await readSourceInto(src.source, src.offset, bytes, 4, (at, size) => {
    if (src.swap) swapBytesInPlace(bytes.subarray(at, at + size), bpe);
    stats.add(data, at / bpe, (at + size) / bpe);
  }, options);
  return { data, stats: stats.result() };
}

/** Streams whole z-sections into a VolumeBinner; memory is one chunk plus the binned volume. */
async function readBinned(src: VoxelSource, dims: Vec3, factor: BinFactor, options: ChunkedReadOptions): Promise<VolumeBinner> {
  const [nx, ny, nz] = dims;
  const binner = new VolumeBinner(nx, ny, nz, factor, src.dtype);
  const slabBytes = nx * ny * factor * BYTES_PER_VOXEL[src.dtype];
  const total = nx * ny * nz * BYTES_PER_VOXEL[src.dtype];
  await forEachSourceChunk(src.source, src.offset, total, slabBytes, (chunk) => {
    if (src.swap) swapBytesInPlace(chunk, BYTES_PER_VOXEL[src.dtype]);
    binner.addSections(viewAs(src.dtype, chunk));
  }, options);
  return binner;
}

function nonFiniteWarning(count: number): string[] {
  return count > 0 ? [`${count} voxels are NaN or ±Inf; statistics leave them out`] : [];
}

export async function readMrc(input: Blob | ByteSource, options: ReadMrcOptions = {}): Promise<MrcReadResult> {
  const { bin = 1, volumeIndex = 0, ...chunked } = options;
  const source = toByteSource(input);
  const parsed = await readMrcHeader(source);
  const { header } = parsed;
  const { layout, warnings: layoutWarnings } = planMrcLayout(header, source.size, volumeIndex);
  const geometry = mrcGeometry(header, layout);
  const warnings = [...parsed.warnings, ...layoutWarnings, ...geometry.warnings];
  const dtype = dtypeForMode(layout.mode, header.int8Signed);
  if (layout.mode === 0 && header.signednessRule === 'legacy-unsigned') warnings.push(`mode 0 read as ${describeSignedness({ signed: false, rule: 'legacy-unsigned' })}`);
  const src: VoxelSource = { source, offset: layout.dataOffset, dtype, swap: header.littleEndian !== HOST_LITTLE_ENDIAN };
  const [nx, ny, nz] = geometry.dims;
  const base = { header, layout };

  if (isStandardAxisOrder(layout.axisOfFileAxis) && bin > 1) {
    const binner = await readBinned(src, geometry.dims, bin, chunked);
    const stats = new StatsAccumulator('float32');
    stats.add(binner.out);
    const volume: Volume = {
      nx: binner.bnx,
      ny: binner.bny,
      nz: binner.bnz,
      ...binner.geometry(geometry.voxelSize, geometry.origin),
      dtype: 'float32',
      data: binner.out,
      stats: stats.result(),
    };
    return { ...base, volume, warnings: [...warnings, ...nonFiniteWarning(binner.nonFiniteSource)] };
  }

  const { data: fileOrder, stats } = await readNative(src, nx * ny * nz, chunked);
  let data = fileOrder;
  if (!isStandardAxisOrder(layout.axisOfFileAxis)) {
    data = reorderToXFastest(fileOrder, dtype, layout.fileDims, layout.axisOfFileAxis);
    warnings.push(`axes stored as MAPC/MAPR/MAPS = ${header.mapc},${header.mapr},${header.maps}; reordered to x fastest (dims ${nx}×${ny}×${nz} are x, y, z)`);
  }
  const unbinned: Volume = { nx, ny, nz, voxelSize: geometry.voxelSize, origin: geometry.origin, dtype, data, stats };
  const volume = binVolume(unbinned, bin);
  return { ...base, volume, warnings: [...warnings, ...nonFiniteWarning(stats.nonFinite)] };
}
