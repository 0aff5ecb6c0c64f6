/**
 * writeMrc: a Volume → one MRC2014 file as a Uint8Array (header + voxels, no extended header).
 * Header statistics are computed from the data (NaN/Inf left out), CELLA = n × voxel size,
 * ORIGIN = volume.origin, `MAP ` tag and a machine stamp for the chosen byte order.
 * uint8 volumes are written as mode 6 (uint16) because MRC2014 mode 0 is signed.
 */
import { BYTES_PER_VOXEL, type Volume } from '../../volume/volume.ts';
import { statsOf } from '../../volume/stats-accumulator.ts';
import { HOST_LITTLE_ENDIAN, swapBytesInPlace } from './byte-order.ts';
import { MRC_HEADER_BYTES, serializeMrcHeader, type MrcHeaderFields } from './mrc-header.ts';
import { modeForDtype } from './mrc-mode.ts';

export interface WriteMrcOptions {
  /** Up to 10 header labels of ≤ 80 ASCII characters; default one "written by Tomopick Studio" label. */
  labels?: string[];
  /** Default true; big-endian output exists for round-trip tests and old software. */
  littleEndian?: boolean;
}

const DEFAULT_LABEL = 'Tomopick Studio';

function voxelBytes(volume: Volume, mode: number): Uint8Array {
  const { data } = volume;
  if (volume.dtype === 'uint8' && mode === 6) {
    const wide = new Uint16Array(data.length);
    wide.set(data);
    return new Uint8Array(wide.buffer);
  }
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

export function writeMrc(volume: Volume, options: WriteMrcOptions = {}): Uint8Array {
  const { nx, ny, nz, voxelSize } = volume;
  if (volume.data.length !== nx * ny * nz) {
    throw new Error(`volume data holds ${volume.data.length} voxels but ${nx}×${ny}×${nz} = ${nx * ny * nz} were declared`);
  }
  const littleEndian = options.littleEndian ?? true;
  const mode = modeForDtype(volume.dtype);
  const stats = statsOf(volume.dtype, volume.data);
  const computed = Number.isFinite(stats.mean);
  const fields: MrcHeaderFields = {
    nx, ny, nz, mode,
    nxstart: 0, nystart: 0, nzstart: 0,
    mx: nx, my: ny, mz: nz,
    cella: [nx * voxelSize[0], ny * voxelSize[1], nz * voxelSize[2]],
    cellb: [90, 90, 90],
    mapc: 1, mapr: 2, maps: 3,
    // MRC2014 marks undetermined statistics with DMAX < DMIN, DMEAN < both and RMS < 0.
    dmin: computed ? stats.min : 0,
    dmax: computed ? stats.max : -1,
    dmean: computed ? stats.mean : -2,
    rms: computed ? stats.rms : -1,
    ispg: nz > 1 ? 1 : 0,
    nsymbt: 0,
    exttyp: '',
    nversion: 20141,
    origin: [...volume.origin],
    labels: options.labels ?? [`${DEFAULT_LABEL} ${new Date().toISOString().slice(0, 19)}`],
  };
  const header = serializeMrcHeader(fields, littleEndian);
  const voxels = voxelBytes(volume, mode);
  const file = new Uint8Array(MRC_HEADER_BYTES + voxels.byteLength);
  file.set(header, 0);
  file.set(voxels, MRC_HEADER_BYTES);
  if (littleEndian !== HOST_LITTLE_ENDIAN) {
    const bpe = mode === 6 ? 2 : BYTES_PER_VOXEL[volume.dtype];
    // The data region starts at byte 1024 of a fresh buffer, so it is aligned for any element size.
    swapBytesInPlace(file.subarray(MRC_HEADER_BYTES), bpe);
  }
  return file;
}
