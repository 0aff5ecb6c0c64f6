/** Matching tomogram names across tools (paths, `.mrc`, Warp's `.tomostar` suffix differ). */
import type { CoordinateRecord, RelionTomogramInfo } from './types.ts';

const TOMOGRAM_SUFFIXES = /\.(tomostar|mrc|mrcs|rec|st|map|ali|tif|tiff)$/i;

/** "Tomograms/job/TS_01.mrc" and "TS_01" compare equal; the comparison is case-sensitive otherwise. */
export function normalizeTomogramName(name: string): string {
  const last = name.split(/[\\/]/).pop() ?? name;
  return last.replace(TOMOGRAM_SUFFIXES, '');
}

export function sameTomogram(a: string, b: string): boolean {
  return a === b || normalizeTomogramName(a) === normalizeTomogramName(b);
}

/**
 * Does a file's tomogram name refer to the tomogram the user opened? Besides equal names, a RELION
 * tomogram set maps its names to reconstructed files (TS_01 → tomograms/13pf_MT.mrc), so opening
 * 13pf_MT.tif selects the TS_01 rows.
 */
export function refersToTomogram(name: string, opened: string, tomograms?: readonly RelionTomogramInfo[]): boolean {
  if (sameTomogram(name, opened)) return true;
  const info = tomograms?.find((t) => sameTomogram(t.name, name));
  return info?.reconstructedTomogram !== undefined && sameTomogram(info.reconstructedTomogram, opened);
}

/** Keeps the rows of one tomogram; warns (listing what the file has) when none match. */
export function filterByTomogram(
  records: CoordinateRecord[],
  tomoName: string,
  fileName: string,
  warnings: string[],
  tomograms?: readonly RelionTomogramInfo[],
): CoordinateRecord[] {
  const kept = records.filter((r) => refersToTomogram(r.tomogram, tomoName, tomograms));
  if (kept.length === 0 && records.length > 0) {
    const names = [...new Set(records.map((r) => r.tomogram))].slice(0, 10);
    warnings.push(`${fileName}: no rows for tomogram "${tomoName}"; the file has: ${names.join(', ')}`);
  }
  return kept;
}
