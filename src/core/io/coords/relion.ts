/**
 * RELION particle STAR files ↔ records in 0-based tomogram voxels.
 * - RELION 5: rlnTomoName + rlnCenteredCoordinateX/Y/ZAngst, X_Å = (x − nx/2)·v, nx/2 exact.
 * - RELION 4: rlnTomoName + rlnCoordinateX/Y/Z in unbinned tilt-series pixels = voxel × binning.
 * - RELION 3 / Warp: rlnMicrographName + rlnCoordinateX/Y/Z in tomogram voxels.
 * Origins shift the particle: position = coordinate − A_subtomogram·origin (RELION ParticleSet::getPosition).
 */
import { parseStar } from '../star/star-parser.ts';
import { writeStar } from '../star/star-writer.ts';
import type { StarDocument, StarLoop } from '../star/star-types.ts';
import { CENTERED_COLUMNS, PIXEL_COLUMNS, findParticleTable, type RelionFlavour } from './relion-classify.ts';
import { multiplyMatrixVector, relionEulerToMatrix } from './euler.ts';
import { baseName, decodeText, parseFiniteNumber, rejectRow } from './text-lines.ts';
import { refersToTomogram, sameTomogram } from './tomogram-name.ts';
import {
  CoordinateFormatError,
  type CoordinateContext,
  type CoordinateRecord,
  type RelionTomogramInfo,
} from './types.ts';

type Vec3 = [number, number, number];

const ANGLE_COLUMNS = ['rlnAngleRot', 'rlnAngleTilt', 'rlnAnglePsi'] as const;
const SUBTOMO_COLUMNS = ['rlnTomoSubtomogramRot', 'rlnTomoSubtomogramTilt', 'rlnTomoSubtomogramPsi'] as const;
const ORIGIN_ANGST = ['rlnOriginXAngst', 'rlnOriginYAngst', 'rlnOriginZAngst'] as const;
const ORIGIN_PIXELS = ['rlnOriginX', 'rlnOriginY', 'rlnOriginZ'] as const;
const SCORE_COLUMNS = ['rlnAutopickFigureOfMerit', 'rlnLCCmax'] as const;
/** Columns turned into record fields; every other column is kept in `extra`. */
const MAPPED = new Set<string>([
  ...CENTERED_COLUMNS, ...PIXEL_COLUMNS, ...ANGLE_COLUMNS, ...ORIGIN_ANGST, ...ORIGIN_PIXELS,
  ...SCORE_COLUMNS, 'rlnTomoName', 'rlnMicrographName', 'rlnClassNumber',
]);

interface Geometry {
  /** Voxel position = centred/pixel value → voxel: (value · scale) + offset, per axis. */
  scale: number;
  offset: Vec3;
  /** Å per unit of the origin columns' own pixels (RELION 4 tilt-series pixel, RELION 3 voxel). */
  originPixel?: number;
}

export function readRelion(
  format: RelionFlavour,
  fileName: string,
  bytes: Uint8Array,
  ctx: CoordinateContext,
): { records: CoordinateRecord[]; warnings: string[] } {
  const doc = parseStar(decodeText(bytes), fileName);
  const table = findParticleTable(doc, fileName);
  if (table.flavour !== format) {
    throw new CoordinateFormatError(`${fileName}: holds ${table.flavour} coordinates, not ${format}`);
  }
  const { loop } = table;
  const warnings: string[] = [];
  for (const bad of loop.badRows) {
    rejectRow(fileName, bad.line, `${bad.count} values for ${loop.columns.length} columns`, ctx, warnings);
  }
  const col = (label: string) => loop.columns.indexOf(label);
  const opticsPixel = opticsTiltSeriesPixelSizes(doc);
  const geometries = new Map<string, Geometry>();
  const records: CoordinateRecord[] = [];
  if (ctx.centerMinusOne && format !== 'relion5') {
    warnings.push(`${fileName}: "centre − 1 pixel" applies to RELION 5 centred coordinates only; ignored for ${format}`);
  }

  loop.rows.forEach((row, r) => {
    const line = loop.rowLines[r] ?? 0;
    /** The three values, undefined when the columns are absent, null when the row was rejected. */
    const numbers = (labels: readonly string[]): Vec3 | undefined | null => {
      if (labels.some((l) => col(l) < 0)) return undefined;
      const values = labels.map((l) => parseFiniteNumber(row[col(l)]));
      const badAt = values.findIndex((v) => v === undefined);
      if (badAt >= 0) {
        const label = labels[badAt] ?? '';
        rejectRow(fileName, line, `_${label} "${row[col(label)]}" is not a finite number`, ctx, warnings);
        return null;
      }
      return values as Vec3;
    };
    const coordinate = numbers(format === 'relion5' ? CENTERED_COLUMNS : PIXEL_COLUMNS);
    if (!coordinate) return;
    const angles = numbers(ANGLE_COLUMNS);
    const subtomo = numbers(SUBTOMO_COLUMNS);
    const originAngst = numbers(ORIGIN_ANGST);
    const originPixels = numbers(ORIGIN_PIXELS);
    if (angles === null || subtomo === null || originAngst === null || originPixels === null) return;
    const classText = col('rlnClassNumber') >= 0 ? row[col('rlnClassNumber')] : undefined;
    const classId = classText === undefined ? undefined : parseFiniteNumber(classText);
    if (classText !== undefined && (classId === undefined || !Number.isInteger(classId))) {
      rejectRow(fileName, line, `_rlnClassNumber "${classText}" is not an integer`, ctx, warnings);
      return;
    }
    const scoreLabel = SCORE_COLUMNS.find((l) => col(l) >= 0);
    const score = scoreLabel ? parseFiniteNumber(row[col(scoreLabel)]) : undefined;
    if (scoreLabel && score === undefined) {
      rejectRow(fileName, line, `_${scoreLabel} "${row[col(scoreLabel)]}" is not a finite number`, ctx, warnings);
      return;
    }

    const nameColumn = format === 'relion3' ? 'rlnMicrographName' : 'rlnTomoName';
    const tomogram = col(nameColumn) >= 0 ? (row[col(nameColumn)] ?? '') : (ctx.tomoName ?? baseName(fileName));
    // Rows of other tomograms are dropped by the registry's filter; skip them here so their
    // geometry (and its warnings about sizes that do not concern the opened tomogram) is never resolved.
    if (ctx.tomoName && !refersToTomogram(tomogram, ctx.tomoName, ctx.relionTomograms)) {
      records.push({ tomogram, x: NaN, y: NaN, z: NaN });
      return;
    }
    let geometry = geometries.get(tomogram);
    if (!geometry) {
      const opticsGroup = col('rlnOpticsGroup') >= 0 ? row[col('rlnOpticsGroup')] : undefined;
      const tsPixel = opticsGroup !== undefined ? opticsPixel.get(opticsGroup) : opticsPixel.values().next().value;
      geometry = resolveGeometry(format, tomogram, tsPixel, ctx, fileName, warnings);
      geometries.set(tomogram, geometry);
    }
    let position: Vec3 = coordinate;
    const origin = originAngst ?? originPixels;
    if (origin && origin.some((o) => o !== 0)) {
      // RELION: origins live in the subtomogram frame when rlnTomoSubtomogramRot/Tilt/Psi exist.
      const rotated = subtomo ? multiplyMatrixVector(relionEulerToMatrix(...subtomo), origin) : origin;
      const inCoordinateUnits = originShiftInCoordinateUnits(format, rotated, originAngst !== undefined, geometry, fileName);
      position = [position[0] - inCoordinateUnits[0], position[1] - inCoordinateUnits[1], position[2] - inCoordinateUnits[2]];
    }
    const record: CoordinateRecord = {
      tomogram,
      x: position[0] * geometry.scale + geometry.offset[0],
      y: position[1] * geometry.scale + geometry.offset[1],
      z: position[2] * geometry.scale + geometry.offset[2],
    };
    if (classId !== undefined) record.classId = classId;
    if (score !== undefined) record.score = score;
    if (angles) record.angles = angles;
    const extra = extraColumns(loop, row);
    if (extra) record.extra = extra;
    records.push(record);
  });
  return { records, warnings };
}

/** Origin shift expressed in the unit of the coordinate columns (Å for RELION 5, pixels otherwise). */
function originShiftInCoordinateUnits(
  format: RelionFlavour,
  origin: Vec3,
  inAngst: boolean,
  geometry: Geometry,
  fileName: string,
): Vec3 {
  if (format === 'relion5') {
    if (inAngst) return origin;
    throw new CoordinateFormatError(`${fileName}: RELION 5 file with origins in pixels (rlnOriginX); expected rlnOriginXAngst`);
  }
  if (!inAngst) return origin;
  const pixel = geometry.originPixel;
  if (pixel === undefined) {
    const hint = format === 'relion4' ? 'rlnTomoTiltSeriesPixelSize in data_optics, or --voxel with --binning' : '--voxel';
    throw new CoordinateFormatError(`${fileName}: converting rlnOriginX/Y/ZAngst to pixels needs the pixel size (${hint})`);
  }
  return [origin[0] / pixel, origin[1] / pixel, origin[2] / pixel];
}

function opticsTiltSeriesPixelSizes(doc: StarDocument): Map<string, number> {
  const out = new Map<string, number>();
  const optics = doc.blocks.find((b) => b.name === 'optics');
  const loop = optics?.loops[0];
  if (!loop) return out;
  const group = loop.columns.indexOf('rlnOpticsGroup');
  const pixel = loop.columns.indexOf('rlnTomoTiltSeriesPixelSize');
  if (group < 0 || pixel < 0) return out;
  for (const row of loop.rows) {
    const value = parseFiniteNumber(row[pixel]);
    if (value !== undefined && value > 0) out.set(row[group] ?? '', value);
  }
  return out;
}

function tomogramInfo(ctx: CoordinateContext, name: string): RelionTomogramInfo | undefined {
  return ctx.relionTomograms?.find((t) => sameTomogram(t.name, name));
}

function resolveGeometry(
  format: RelionFlavour,
  tomogram: string,
  opticsTiltSeriesPixel: number | undefined,
  ctx: CoordinateContext,
  fileName: string,
  warnings: string[],
): Geometry {
  const info = tomogramInfo(ctx, tomogram);
  if (format === 'relion3') {
    const geometry: Geometry = { scale: 1, offset: [0, 0, 0] };
    if (ctx.voxelSize !== undefined) geometry.originPixel = ctx.voxelSize;
    return geometry;
  }
  const binning = ctx.binning ?? info?.binning ?? 1;
  if (ctx.binning !== undefined && info?.binning !== undefined && Math.abs(ctx.binning - info.binning) > 1e-3) {
    warnings.push(`${fileName}: tomograms.star gives binning ${info.binning} for ${tomogram}, using ${ctx.binning} as asked`);
  }
  const tsPixel = opticsTiltSeriesPixel ?? info?.tiltSeriesPixelSize;
  if (format === 'relion4') {
    const geometry: Geometry = { scale: 1 / binning, offset: [0, 0, 0] };
    const originPixel = tsPixel ?? (ctx.voxelSize !== undefined ? ctx.voxelSize / binning : undefined);
    if (originPixel !== undefined) geometry.originPixel = originPixel;
    return geometry;
  }
  const voxel = relion5VoxelSize(tomogram, info, ctx, fileName, warnings);
  const size = relion5TomogramSize(tomogram, info, binning, ctx, fileName, warnings);
  const minusOne = ctx.centerMinusOne ? 1 / binning : 0;
  return { scale: 1 / voxel, offset: [size[0] / 2 - minusOne, size[1] / 2 - minusOne, size[2] / 2 - minusOne] };
}

function relion5VoxelSize(
  tomogram: string,
  info: RelionTomogramInfo | undefined,
  ctx: CoordinateContext,
  fileName: string,
  warnings: string[],
): number {
  const fromStar =
    info?.tiltSeriesPixelSize !== undefined ? info.tiltSeriesPixelSize * (info.binning ?? 1) : undefined;
  if (ctx.voxelSize !== undefined) {
    if (fromStar !== undefined && Math.abs(fromStar - ctx.voxelSize) > 0.005 * ctx.voxelSize) {
      warnings.push(
        `${fileName}: tomograms.star gives ${fromStar.toFixed(3)} Å voxels for ${tomogram}; the opened tomogram has ${ctx.voxelSize} Å and wins`,
      );
    }
    return ctx.voxelSize;
  }
  if (fromStar !== undefined) return fromStar;
  throw new CoordinateFormatError(
    `${fileName}: RELION 5 Å coordinates need the tomogram voxel size of ${tomogram}: add --voxel Å (or --tomograms tomograms.star)`,
  );
}

function relion5TomogramSize(
  tomogram: string,
  info: RelionTomogramInfo | undefined,
  binning: number,
  ctx: CoordinateContext,
  fileName: string,
  warnings: string[],
): Vec3 {
  const fromStar = info?.sizeUnbinned?.map((s) => s / binning) as Vec3 | undefined;
  if (ctx.tomoSize) {
    // RELION rounds the binned size (w/bin + 0.5), so up to one voxel apart is agreement.
    if (fromStar && fromStar.some((s, i) => Math.abs(s - (ctx.tomoSize?.[i] ?? s)) > 1)) {
      warnings.push(
        `${fileName}: tomograms.star says ${tomogram} is ${fromStar.map((s) => +s.toFixed(2)).join('×')} voxels, the opened tomogram is ${ctx.tomoSize.join('×')}; using the opened tomogram`,
      );
    }
    return ctx.tomoSize;
  }
  if (fromStar) return fromStar;
  throw new CoordinateFormatError(
    `${fileName}: RELION 5 centred coordinates need the size of tomogram ${tomogram}: add --tomo-size NX,NY,NZ (or --tomograms tomograms.star)`,
  );
}

function extraColumns(loop: StarLoop, row: string[]): Record<string, string> | undefined {
  let extra: Record<string, string> | undefined;
  loop.columns.forEach((c, i) => {
    if (MAPPED.has(c)) return;
    extra ??= {};
    extra[c] = row[i] ?? '';
  });
  return extra;
}

/** Fixed 6 decimals like RELION, without "-0.000000". */
function fixed6(value: number): string {
  const text = value.toFixed(6);
  return /^-0\.0+$/.test(text) ? text.slice(1) : text;
}

export function writeRelion(format: RelionFlavour, records: CoordinateRecord[], ctx: CoordinateContext): string {
  const names = new Set(records.map((r) => r.tomogram));
  if (ctx.tomoName && names.size > 1) {
    throw new CoordinateFormatError(
      `records come from ${names.size} tomograms (${[...names].slice(0, 5).join(', ')}); a single tomogram name would merge them`,
    );
  }
  const nameOf = (r: CoordinateRecord) => ctx.tomoName ?? r.tomogram;
  const withAngles = records.some((r) => r.angles);
  const withClass = records.some((r) => r.classId !== undefined);
  const withScore = records.some((r) => r.score !== undefined);
  const columns: string[] =
    format === 'relion5'
      ? ['rlnTomoName', ...CENTERED_COLUMNS]
      : [format === 'relion4' ? 'rlnTomoName' : 'rlnMicrographName', ...PIXEL_COLUMNS];
  if (withAngles) columns.push(...ANGLE_COLUMNS);
  if (withClass) columns.push('rlnClassNumber');
  if (withScore) columns.push('rlnAutopickFigureOfMerit');

  const toFileUnits = writerGeometry(format, ctx);
  const rows = records.map((r) => {
    const [x, y, z] = toFileUnits(r, nameOf(r));
    const row = [nameOf(r), fixed6(x), fixed6(y), fixed6(z)];
    if (withAngles) row.push(...(r.angles ?? [0, 0, 0]).map(fixed6));
    if (withClass) row.push(String(r.classId ?? 0));
    if (withScore) row.push(fixed6(r.score ?? 0));
    return row;
  });
  const comment = format === 'relion5' ? 'version 50001' : 'version 30001';
  return writeStar([{ name: 'particles', comment, loop: { columns, rows } }]);
}

function writerGeometry(format: RelionFlavour, ctx: CoordinateContext): (r: CoordinateRecord, name: string) => Vec3 {
  if (format === 'relion3') return (r) => [r.x, r.y, r.z];
  if (format === 'relion4') {
    return (r, name) => {
      const binning = ctx.binning ?? tomogramInfo(ctx, name)?.binning ?? 1;
      return [r.x * binning, r.y * binning, r.z * binning];
    };
  }
  return (r, name) => {
    const info = tomogramInfo(ctx, name);
    const binning = ctx.binning ?? info?.binning ?? 1;
    const ignored: string[] = [];
    const voxel = relion5VoxelSize(name, info, ctx, 'RELION 5 export', ignored);
    const size = relion5TomogramSize(name, info, binning, ctx, 'RELION 5 export', ignored);
    return [(r.x - size[0] / 2) * voxel, (r.y - size[1] / 2) * voxel, (r.z - size[2] / 2) * voxel];
  };
}
