/**
 * Binning by 2 or 4 (mean of each factor³ block), fed z-section by z-section so a reader can bin a
 * tomogram larger than memory while streaming it: only one binned slab of sums is pending.
 * Edge blocks that the volume only partly covers average the voxels they have (size = ceil(n/f)).
 * NaN/±Inf voxels are left out of their block's mean and counted. The result is float32 whatever
 * the input dtype, because block means are not integers.
 */
import { float16BitsToNumber, type Vec3, type Volume, type VoxelArray, type VoxelDType } from './volume.ts';
import { statsOf } from './stats-accumulator.ts';

export type BinFactor = 1 | 2 | 4;

export function binnedLength(n: number, factor: number): number {
  return Math.ceil(n / factor);
}

let halfTable: Float32Array | null = null;
/** float16 bits → value for all 65,536 patterns (256 KiB, built once): faster than decoding per voxel. */
function float16Table(): Float32Array {
  if (!halfTable) {
    halfTable = new Float32Array(65536);
    for (let bits = 0; bits < 65536; bits++) halfTable[bits] = float16BitsToNumber(bits);
  }
  return halfTable;
}

export class VolumeBinner {
  readonly out: Float32Array;
  readonly bnx: number;
  readonly bny: number;
  readonly bnz: number;
  /** Source voxels that were NaN or ±Inf. */
  nonFiniteSource = 0;
  private readonly sums: Float64Array;
  private readonly counts: Uint16Array;
  private readonly binOfX: Int32Array;
  private pendingSlab = -1;
  private nextSection = 0;
  private readonly decode: Float32Array | null;
  private readonly checkFinite: boolean;

  constructor(
    private readonly nx: number,
    private readonly ny: number,
    private readonly nz: number,
    private readonly factor: BinFactor,
    dtype: VoxelDType,
  ) {
    this.bnx = binnedLength(nx, factor);
    this.bny = binnedLength(ny, factor);
    this.bnz = binnedLength(nz, factor);
    this.out = new Float32Array(this.bnx * this.bny * this.bnz);
    this.sums = new Float64Array(this.bnx * this.bny);
    this.counts = new Uint16Array(this.bnx * this.bny);
    this.binOfX = new Int32Array(nx);
    for (let x = 0; x < nx; x++) this.binOfX[x] = Math.floor(x / factor);
    this.decode = dtype === 'float16' ? float16Table() : null;
    this.checkFinite = dtype === 'float16' || dtype === 'float32';
  }

  /** Adds whole xy sections (x fastest) that continue where the last call stopped. */
  addSections(data: VoxelArray): void {
    const sectionSize = this.nx * this.ny;
    if (data.length % sectionSize !== 0) throw new Error(`binning needs whole sections of ${sectionSize} voxels, got ${data.length}`);
    const sections = data.length / sectionSize;
    if (this.nextSection + sections > this.nz) throw new Error(`binning got more than the ${this.nz} sections of the volume`);
    for (let k = 0; k < sections; k++) {
      const z = this.nextSection + k;
      const slab = Math.floor(z / this.factor);
      if (slab !== this.pendingSlab) this.flush();
      this.pendingSlab = slab;
      this.addSection(data, k * sectionSize);
    }
    this.nextSection += sections;
    if (this.nextSection === this.nz) this.flush();
  }

  private addSection(data: VoxelArray, start: number): void {
    const { nx, ny, factor, bnx, sums, counts, binOfX, decode, checkFinite } = this;
    let i = start;
    let nonFinite = 0;
    for (let y = 0; y < ny; y++) {
      const row = Math.floor(y / factor) * bnx;
      for (let x = 0; x < nx; x++, i++) {
        const v = decode ? decode[data[i]!]! : data[i]!;
        if (checkFinite && v - v !== 0) {
          nonFinite++;
          continue;
        }
        const b = row + binOfX[x]!;
        sums[b]! += v;
        counts[b]!++;
      }
    }
    this.nonFiniteSource += nonFinite;
  }

  private flush(): void {
    if (this.pendingSlab < 0) return;
    const { sums, counts, out } = this;
    const base = this.pendingSlab * sums.length;
    for (let b = 0; b < sums.length; b++) out[base + b] = counts[b] ? sums[b]! / counts[b]! : NaN;
    sums.fill(0);
    counts.fill(0);
    this.pendingSlab = -1;
  }

  /** The binned volume's geometry: voxels factor× larger, origin moved to the first block's centre. */
  geometry(voxelSize: Vec3, origin: Vec3): { voxelSize: Vec3; origin: Vec3 } {
    const f = this.factor;
    const n = [this.nx, this.ny, this.nz];
    return {
      voxelSize: voxelSize.map((v) => v * f) as Vec3,
      origin: origin.map((o, i) => o + ((Math.min(f, n[i]!) - 1) / 2) * voxelSize[i]!) as Vec3,
    };
  }
}

/** Bins an in-memory volume (used when the file layout rules out binning while streaming). */
export function binVolume(volume: Volume, factor: BinFactor): Volume {
  if (factor === 1) return volume;
  const binner = new VolumeBinner(volume.nx, volume.ny, volume.nz, factor, volume.dtype);
  binner.addSections(volume.data);
  return {
    nx: binner.bnx,
    ny: binner.bny,
    nz: binner.bnz,
    ...binner.geometry(volume.voxelSize, volume.origin),
    dtype: 'float32',
    data: binner.out,
    stats: statsOf('float32', binner.out),
  };
}
