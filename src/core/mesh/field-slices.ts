/**
 * Reads one z-section of the sample grid into a Float32Array, widening the volume's native dtype
 * (float16 through a lookup table) a section at a time, never the whole volume. Values come out
 * oriented so that "inside the surface" is always `value > level`, which keeps the cube loop free
 * of branches on `invert`. Non-finite voxels are made finite here, so no NaN can reach the mesh:
 * NaN reads as just outside the surface (level − 1), ±Inf as ±FLT_MAX.
 */
import { float16Table } from '../volume/float16-table.ts';
import type { Volume, VoxelArray, VoxelDType } from '../volume/volume.ts';
import type { Dims, SampleGrid } from './sample-grid.ts';

/** A bare typed array (read as plain numbers), or a Volume's voxels with their dtype (float16!). */
export type ScalarField = VoxelArray | Pick<Volume, 'data' | 'dtype'>;

export function splitField(field: ScalarField): { data: VoxelArray; dtype: VoxelDType } {
  if (ArrayBuffer.isView(field)) return { data: field, dtype: dtypeOfArray(field) };
  return field;
}

export function dtypeOfArray(data: VoxelArray): VoxelDType {
  if (data instanceof Float32Array) return 'float32';
  if (data instanceof Int8Array) return 'int8';
  if (data instanceof Uint8Array) return 'uint8';
  if (data instanceof Int16Array) return 'int16';
  if (data instanceof Uint16Array) return 'uint16';
  throw new Error('an isosurface reads Float32, Int8, Uint8, Int16 or Uint16 arrays (float16 as { data, dtype })');
}

const FLT_MAX = 3.4028234663852886e38;

export interface SliceMapping {
  /** −1 when the surface encloses values below the level. */
  sign: 1 | -1;
  /** The level after `sign`; inside ⇔ value > orientedLevel. */
  orientedLevel: number;
  /** Reads the field as the indicator `voxel === labelValue` (a label map's one class). */
  labelValue?: number;
}

export class FieldSliceReader {
  private readonly decode: Float32Array | null;
  private readonly isFloat: boolean;

  constructor(
    private readonly data: VoxelArray,
    dtype: VoxelDType,
    private readonly dims: Dims,
    private readonly grid: SampleGrid,
    private readonly mapping: SliceMapping,
  ) {
    this.decode = dtype === 'float16' ? float16Table() : null;
    this.isFloat = dtype === 'float16' || dtype === 'float32';
  }

  /** Fills `out` (size[0]·size[1] values, x fastest) with grid section k. */
  read(k: number, out: Float32Array): void {
    const { data, decode, isFloat } = this;
    const [nx, ny] = this.dims;
    const { start, step, size } = this.grid;
    const [sx, sy] = size;
    const { sign, orientedLevel, labelValue } = this.mapping;
    const nanValue = orientedLevel - 1;
    const sectionBase = nx * ny * (start[2] + step * k);
    let o = 0;
    for (let j = 0; j < sy; j++) {
      let src = sectionBase + nx * (start[1] + step * j) + start[0];
      for (let i = 0; i < sx; i++, src += step, o++) {
        let v = decode ? decode[data[src]!]! : data[src]!;
        if (labelValue !== undefined) {
          out[o] = sign * (v === labelValue ? 1 : 0);
          continue;
        }
        if (isFloat && v - v !== 0) {
          if (v !== v) {
            out[o] = nanValue;
            continue;
          }
          v = v > 0 ? FLT_MAX : -FLT_MAX;
        }
        out[o] = sign * v;
      }
    }
  }
}
