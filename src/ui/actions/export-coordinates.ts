/**
 * Export of the active tomogram's picks: what each format needs (name, voxel size, size, binning),
 * the writer context built from it, the text written in the I/O worker, RELION 5 companion files,
 * and saving through the File System Access API where the browser has it.
 */
import {
  writeRelionOptimisationSet,
  writeRelionTomogramsStar,
  type CoordinateContext,
  type CoordinateFormat,
  type CoordinateRecord,
} from '../../core/io/coords/registry.ts';
import { normalizeTomogramName } from '../../core/io/coords/tomogram-name.ts';
import type { TomogramEntry } from '../../state/project-store.ts';
import { writeCoordinatesText } from '../../../workers/io.client.ts';

export interface ExportMetadata {
  /** Name written in the file (rlnTomoName, CSV tomogram column, copick run). */
  tomoName: string;
  /** Å per tomogram voxel. */
  voxelSize: number;
  /** Tomogram size in voxels. */
  size: [number, number, number];
  /** Tomogram voxel / tilt-series pixel (RELION 4 coordinates, RELION 5 tomograms.star). */
  binning: number;
}

type Need = keyof ExportMetadata;

interface FormatInfo {
  label: string;
  extension: string;
  mime: string;
  needs: readonly Need[];
}

/** Only the fields a format's writer reads are asked for (docs/formats.md). */
export const EXPORT_FORMATS: Readonly<Partial<Record<CoordinateFormat, FormatInfo>>> = {
  relion5: { label: 'RELION 5 (centred Å)', extension: '.star', mime: 'text/plain', needs: ['tomoName', 'voxelSize', 'size', 'binning'] },
  relion4: { label: 'RELION 4 (tilt-series pixels)', extension: '.star', mime: 'text/plain', needs: ['tomoName', 'binning'] },
  relion3: { label: 'RELION 3 / Warp (tomogram voxels)', extension: '.star', mime: 'text/plain', needs: ['tomoName'] },
  csv: { label: 'CSV (voxels)', extension: '.csv', mime: 'text/csv', needs: ['tomoName'] },
  coords: { label: 'IMOD point list (.coords)', extension: '.coords', mime: 'text/plain', needs: [] },
  copick: { label: 'copick JSON (Å)', extension: '.json', mime: 'application/json', needs: ['tomoName', 'voxelSize'] },
  ndjson: { label: 'CZ cryoET Data Portal ndjson', extension: '.ndjson', mime: 'application/x-ndjson', needs: [] },
};

export function formatInfo(format: CoordinateFormat): FormatInfo {
  const info = EXPORT_FORMATS[format];
  if (!info) throw new Error(`${format} cannot be exported`);
  return info;
}

/** RELION names carry no folder, extension or spaces ("demo (simulated)" → "demo_simulated"). */
export function suggestTomogramName(name: string): string {
  const cleaned = normalizeTomogramName(name)
    .replace(/[^\w.-]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return cleaned || 'tomogram';
}

export function defaultExportMetadata(tomogram: TomogramEntry): ExportMetadata {
  const { volume } = tomogram;
  return {
    tomoName: suggestTomogramName(tomogram.name),
    voxelSize: volume.voxelSize[0],
    size: [volume.nx, volume.ny, volume.nz],
    binning: 1,
  };
}

export function defaultFileName(format: CoordinateFormat, tomoName: string): string {
  const suffix = format.startsWith('relion') ? '_particles' : '';
  return `${tomoName}${suffix}${formatInfo(format).extension}`;
}

/** What is wrong with the metadata the format needs, or undefined when it is usable. */
export function metadataProblem(format: CoordinateFormat, meta: ExportMetadata): string | undefined {
  const needs = formatInfo(format).needs;
  if (needs.includes('tomoName') && meta.tomoName.trim() === '') return 'the tomogram name is empty';
  if (needs.includes('voxelSize') && !(meta.voxelSize > 0 && Number.isFinite(meta.voxelSize))) {
    return `the voxel size must be a positive number of Å, got ${meta.voxelSize}`;
  }
  if (needs.includes('size') && !meta.size.every((n) => Number.isInteger(n) && n > 0)) {
    return `the tomogram size must be three positive whole numbers of voxels, got ${meta.size.join(' × ')}`;
  }
  if (needs.includes('binning') && !(meta.binning > 0 && Number.isFinite(meta.binning))) {
    return `the binning must be a positive number, got ${meta.binning}`;
  }
  return undefined;
}

/** The writer context: only what the format needs, so an unused field cannot change the output. */
export function exportContext(format: CoordinateFormat, meta: ExportMetadata): CoordinateContext {
  const needs = formatInfo(format).needs;
  const ctx: CoordinateContext = {};
  if (needs.includes('tomoName')) ctx.tomoName = meta.tomoName.trim();
  if (needs.includes('voxelSize')) ctx.voxelSize = meta.voxelSize;
  if (needs.includes('size')) ctx.tomoSize = [...meta.size];
  if (needs.includes('binning')) ctx.binning = meta.binning;
  return ctx;
}

/** The file's text, written in the I/O worker (100k rows take about a second). */
export function exportText(
  format: CoordinateFormat,
  records: CoordinateRecord[],
  meta: ExportMetadata,
  signal?: AbortSignal,
): Promise<string> {
  return writeCoordinatesText(format, records, exportContext(format, meta), signal ? { signal } : {});
}

export interface RelionCompanions {
  tomogramsStar: string;
  optimisationSet: string;
}

export const TOMOGRAMS_STAR = 'tomograms.star';
export const OPTIMISATION_SET_STAR = 'optimisation_set.star';

/** tomograms.star (sizes in unbinned tilt-series pixels) and an optimisation set naming both files. */
export function relionCompanions(meta: ExportMetadata, particlesFileName: string): RelionCompanions {
  const tomogramsStar = writeRelionTomogramsStar([
    {
      name: meta.tomoName.trim(),
      tiltSeriesPixelSize: meta.voxelSize / meta.binning,
      binning: meta.binning,
      sizeUnbinned: [meta.size[0] * meta.binning, meta.size[1] * meta.binning, meta.size[2] * meta.binning],
    },
  ]);
  return { tomogramsStar, optimisationSet: writeRelionOptimisationSet(particlesFileName, TOMOGRAMS_STAR) };
}

/** The first `lines` lines of a text, for the preview. */
export function firstLines(text: string, lines: number): string {
  let end = 0;
  for (let i = 0; i < lines; i++) {
    const next = text.indexOf('\n', end);
    if (next < 0) return text;
    end = next + 1;
  }
  return text.slice(0, end);
}

interface SaveFilePickerWindow {
  showSaveFilePicker(options: { suggestedName: string }): Promise<{
    createWritable(): Promise<{ write(data: Blob): Promise<void>; close(): Promise<void> }>;
  }>;
}

/** Chromium browsers can write straight to a file the user chooses; others download. */
export function canSaveToFile(target: object = globalThis): target is SaveFilePickerWindow {
  return typeof (target as Partial<SaveFilePickerWindow>).showSaveFilePicker === 'function';
}

/** Writes through the File System Access API; false when the user closed the picker. */
export async function saveToFile(blob: Blob, suggestedName: string): Promise<boolean> {
  const target: object = globalThis;
  if (!canSaveToFile(target)) throw new Error('This browser cannot save to a chosen file; use Download');
  try {
    const handle = await target.showSaveFilePicker({ suggestedName });
    const writable = await handle.createWritable();
    await writable.write(blob);
    await writable.close();
    return true;
  } catch (err) {
    if ((err as Error).name === 'AbortError') return false;
    throw err;
  }
}
