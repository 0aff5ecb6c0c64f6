/**
 * One z-section of the sample grid at a time: a zero-copy view of the source when the section is
 * contiguous there (step 1, full x–y extent, a dtype JavaScript reads natively), else a copy into a
 * Float32Array (float16 decoded through a lookup table, subsampled, cropped, or a label indicator),
 * so the whole volume is never widened at once.
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

/** The values of one section, read as plain numbers. */
export type SectionValues = VoxelArray;

export class FieldSliceReader {
  private readonly decode: Float32Array | null;
  /** Sections are contiguous in the source: hand out views instead of copies. */
  private readonly viewable: boolean;

  constructor(
    private readonly data: VoxelArray,
    dtype: VoxelDType,
    private readonly dims: Dims,
    private readonly grid: SampleGrid,
    /** Reads the field as the indicator `voxel === labelValue` (a label map's one class). */
    private readonly labelValue?: number,
  ) {
    this.decode = dtype === 'float16' ? float16Table() : null;
    const { start, step, size } = grid;
    this.viewable = !this.decode && labelValue === undefined && step === 1 && start[0] === 0 && start[1] === 0 && size[0] === dims[0] && size[1] === dims[1];
  }

  /** Grid section k (size[0]·size[1] values, x fastest): a view of the source, or `scratch` filled. */
  read(k: number, scratch: Float32Array): SectionValues {
    const { data, decode, labelValue } = this;
    const [nx, ny] = this.dims;
    const { start, step, size } = this.grid;
    const [sx, sy] = size;
    const sectionBase = nx * ny * (start[2] + step * k);
    if (this.viewable) return data.subarray(sectionBase, sectionBase + nx * ny);
    let o = 0;
    for (let j = 0; j < sy; j++) {
      let src = sectionBase + nx * (start[1] + step * j) + start[0];
      for (let i = 0; i < sx; i++, src += step, o++) {
        const v = decode ? decode[data[src]!]! : data[src]!;
        scratch[o] = labelValue === undefined ? v : v === labelValue ? 1 : 0;
      }
    }
    return scratch;
  }
}
