/**
 * Shared types of the coordinate readers/writers (re-exported by registry.ts, the public entry).
 * Every record is in 0-based voxel units of its tomogram, voxel centres at integers (DESIGN.md §3);
 * each format file converts from/to its own units and origin (see docs/formats.md).
 */
export type CoordinateFormat =
  | 'relion5'
  | 'relion4'
  | 'relion3'
  | 'coords'
  | 'csv'
  | 'copick'
  | 'ndjson'
  | 'imod-mod'
  | 'dynamo-tbl'
  | 'deepfinder-xml'
  | 'shrec-text';

/** One tomogram of a RELION tomograms.star (sizes in unbinned tilt-series pixels, as RELION stores them). */
export interface RelionTomogramInfo {
  name: string;
  /** rlnTomoSizeX/Y/Z: unbinned tilt-series pixels. */
  sizeUnbinned?: [number, number, number];
  /** rlnTomoTiltSeriesPixelSize, Å. */
  tiltSeriesPixelSize?: number;
  /** rlnTomoTomogramBinning (tomogram voxel / tilt-series pixel). */
  binning?: number;
  /** rlnTomoReconstructedTomogram: the file a user opens, e.g. "tomograms/13pf_MT.mrc" for TS_01. */
  reconstructedTomogram?: string;
}

export interface CoordinateContext {
  /** Voxels of the (opened) tomogram. */
  tomoSize?: [number, number, number];
  /** Å per voxel of the tomogram. */
  voxelSize?: number;
  /** Tomogram voxel relative to tilt-series pixel (RELION 4), default 1. */
  binning?: number;
  /** Keep only rows of this tomogram on read; name written for records. */
  tomoName?: string;
  /** RELION's own picker convention on import: centre at n/2 − 1 tilt-series pixel. */
  centerMinusOne?: boolean;
  /** Skip malformed rows with a warning instead of failing (default: fail naming the line). */
  skipMalformedRows?: boolean;
  /** Rows of a RELION tomograms.star (readRelionTomogramsStar) for sizes and pixel sizes. */
  relionTomograms?: RelionTomogramInfo[];
}

/** Positions in 0-based voxels of the tomogram. */
export interface CoordinateRecord {
  tomogram: string;
  x: number;
  y: number;
  z: number;
  classId?: number;
  className?: string;
  score?: number;
  radiusAngstrom?: number;
  /** Degrees, RELION convention (rlnAngleRot, rlnAngleTilt, rlnAnglePsi; ZYZ). Other formats keep theirs in `extra`. */
  angles?: [number, number, number];
  extra?: Record<string, string>;
}

export interface CoordinateImport {
  format: CoordinateFormat;
  records: CoordinateRecord[];
  warnings: string[];
}

/** A user-facing problem with a coordinates file (bad content, missing conversion value). */
export class CoordinateFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CoordinateFormatError';
  }
}
