/**
 * What a TIFF stack says about its voxels: ImageJ's ImageDescription (`spacing=`, `unit=`,
 * hyperstack sizes) with X/YResolution, OME-XML's <Pixels>, or plain resolution tags.
 * Pure text/number logic, so it is tested without TIFF files.
 */
import type { Vec3 } from '../../volume/volume.ts';

export interface TiffTags {
  description?: string;
  /** Pixels per resolution unit, as the XResolution/YResolution tags hold them. */
  xResolution?: number;
  yResolution?: number;
  /** 1 = none, 2 = inch, 3 = centimetre. */
  resolutionUnit?: number;
}

export interface StackLayout {
  /** Number of z sections in the volume. */
  nz: number;
  /** Page holding section z: first channel and first time point of a hyperstack. */
  pageOf: (z: number) => number;
  voxelSize: Vec3;
  source: 'imagej' | 'ome' | 'tiff-tags' | 'none';
  warnings: string[];
}

const ANGSTROM_PER_UNIT: Record<string, number> = {
  nm: 10,
  nanometer: 10,
  nanometre: 10,
  um: 1e4,
  µm: 1e4,
  'μm': 1e4,
  micron: 1e4,
  micrometer: 1e4,
  micrometre: 1e4,
  mm: 1e7,
  a: 1,
  å: 1,
  angstrom: 1,
  'ångström': 1,
  pm: 0.01,
};

/** Å per unit, or undefined for "pixel" and unknown units. ImageJ writes µ as \u00B5. */
export function angstromPerUnit(unit: string): number | undefined {
  return ANGSTROM_PER_UNIT[unit.trim().toLowerCase().replace(/\\u00b5/g, 'µ')];
}

export function parseImageJDescription(text: string): Record<string, string> | null {
  if (!text.startsWith('ImageJ=')) return null;
  const fields: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const eq = line.indexOf('=');
    if (eq > 0) fields[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return fields;
}

function positiveInt(text: string | undefined, fallback: number): number {
  const n = Number(text);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

function hyperstackWarning(channels: number, frames: number, nz: number): string[] {
  return channels > 1 || frames > 1
    ? [`hyperstack with ${channels} channel(s) and ${frames} time point(s): opened channel 1, time point 1 (${nz} z sections)`]
    : [];
}

function sanePositive(v: number | undefined): v is number {
  return v !== undefined && Number.isFinite(v) && v > 0;
}

function imagejLayout(fields: Record<string, string>, tags: TiffTags, pageCount: number): StackLayout {
  const warnings: string[] = [];
  const channels = positiveInt(fields.channels, 1);
  const frames = positiveInt(fields.frames, 1);
  const images = positiveInt(fields.images, pageCount);
  const nz = positiveInt(fields.slices, Math.floor(images / (channels * frames)) || 1);
  if (images > pageCount) {
    throw new Error(
      `ImageJ says images=${images} but the file has ${pageCount} page(s): a raw ImageJ stack without one page per image is not supported; re-save it from ImageJ as a TIFF stack`,
    );
  }
  warnings.push(...hyperstackWarning(channels, frames, nz));
  const perUnit = fields.unit === undefined ? undefined : angstromPerUnit(fields.unit);
  let voxelSize: Vec3 = [1, 1, 1];
  if (perUnit === undefined) {
    warnings.push(`ImageJ unit "${fields.unit ?? 'none'}" has no physical size; using 1 Å voxels — set the real voxel size`);
  } else {
    const x = sanePositive(tags.xResolution) ? perUnit / tags.xResolution : undefined;
    const y = sanePositive(tags.yResolution) ? perUnit / tags.yResolution : x;
    const spacing = Number(fields.spacing);
    const z = Number.isFinite(spacing) && spacing > 0 ? spacing * perUnit : undefined;
    if (x === undefined) warnings.push('no XResolution tag; using 1 Å voxels in x and y — set the real voxel size');
    if (z === undefined) warnings.push(`no ImageJ spacing; z voxel size taken equal to x`);
    voxelSize = [x ?? 1, y ?? x ?? 1, z ?? x ?? 1];
  }
  return { nz, pageOf: (z) => z * channels, voxelSize, source: 'imagej', warnings };
}

function xmlAttribute(xml: string, name: string): string | undefined {
  return new RegExp(`\\b${name}\\s*=\\s*"([^"]*)"`).exec(xml)?.[1];
}

function omeLayout(xml: string, pageCount: number): StackLayout {
  const pixels = /<(?:\w+:)?Pixels\b[^>]*>/.exec(xml)?.[0];
  if (!pixels) throw new Error('OME-TIFF description has no <Pixels> element');
  const warnings: string[] = [];
  const size = (axis: string) => positiveInt(xmlAttribute(pixels, `Size${axis}`), 1);
  const sizes: Record<string, number> = { Z: size('Z'), C: size('C'), T: size('T') };
  const order = (xmlAttribute(pixels, 'DimensionOrder') ?? 'XYZCT').slice(2);
  let strideZ = 1;
  for (const axis of order) {
    if (axis === 'Z') break;
    strideZ *= sizes[axis] ?? 1;
  }
  const nz = sizes.Z!;
  if (nz * sizes.C! * sizes.T! > pageCount) {
    throw new Error(`OME-TIFF declares ${nz * sizes.C! * sizes.T!} planes but this file has ${pageCount} pages (multi-file OME datasets are not supported)`);
  }
  warnings.push(...hyperstackWarning(sizes.C!, sizes.T!, nz));
  const voxelSize = (['X', 'Y', 'Z'] as const).map((axis) => {
    const value = Number(xmlAttribute(pixels, `PhysicalSize${axis}`));
    const unit = xmlAttribute(pixels, `PhysicalSize${axis}Unit`) ?? 'µm'; // the OME schema's default
    const perUnit = angstromPerUnit(unit);
    if (sanePositive(value) && perUnit !== undefined) return value * perUnit;
    warnings.push(`OME PhysicalSize${axis} is missing or unusable; using 1 Å — set the real voxel size`);
    return 1;
  }) as Vec3;
  return { nz, pageOf: (z) => z * strideZ, voxelSize, source: 'ome', warnings };
}

function plainLayout(tags: TiffTags, pageCount: number): StackLayout {
  const perUnit = tags.resolutionUnit === 3 ? 1e8 : tags.resolutionUnit === 2 ? 2.54e8 : undefined;
  if (perUnit !== undefined && sanePositive(tags.xResolution)) {
    const x = perUnit / tags.xResolution;
    const y = sanePositive(tags.yResolution) ? perUnit / tags.yResolution : x;
    return {
      nz: pageCount,
      pageOf: (z) => z,
      voxelSize: [x, y, x],
      source: 'tiff-tags',
      warnings: ['voxel size from the TIFF resolution tags; z spacing unknown, taken equal to x'],
    };
  }
  return {
    nz: pageCount,
    pageOf: (z) => z,
    voxelSize: [1, 1, 1],
    source: 'none',
    warnings: ['the TIFF states no voxel size; using 1 Å — set the real voxel size'],
  };
}

/** Which pages form the z stack and what size the voxels are. */
export function stackLayout(tags: TiffTags, pageCount: number): StackLayout {
  const description = tags.description ?? '';
  const imagej = parseImageJDescription(description);
  if (imagej) return imagejLayout(imagej, tags, pageCount);
  if (/<(?:\w+:)?OME\b/.test(description)) return omeLayout(description, pageCount);
  return plainLayout(tags, pageCount);
}
