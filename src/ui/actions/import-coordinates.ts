/**
 * Coordinates files dropped or picked onto the active tomogram become picks: read in the I/O
 * worker with the tomogram's size, voxel size and name (a tomograms.star given alongside supplies
 * RELION sizes and name aliases), classes mapped onto the project's (new ones created), then one
 * undoable import. Picks outside the volume are counted and left out; every warning is shown.
 */
import { readRelionTomogramsStar, type CoordinateContext, type CoordinateImport, type RelionTomogramInfo } from '../../core/io/coords/registry.ts';
import { assignClasses } from '../../core/picks/class-assignment.ts';
import type { ImportRecord } from '../../core/picks/edits.ts';
import type { PickStatus } from '../../core/picks/pick.ts';
import { isInsideVolume } from '../../core/volume/sample.ts';
import { useJobsStore } from '../../state/jobs-store.ts';
import { picksStore } from '../../state/picks-store.ts';
import { activeTomogram, useProjectStore, type TomogramEntry } from '../../state/project-store.ts';
import { useViewStore } from '../../state/view-store.ts';
import { readCoordinatesFile } from '../../../workers/io.client.ts';

export interface ImportCoordinatesOptions {
  /** Files from RELION's own picker centre at n/2 − 1 tilt-series pixel (RELION 5 only). */
  centerMinusOne?: boolean;
  /** Tomogram voxel / tilt-series pixel for RELION 4; unset: the tomograms.star's, else 1. */
  binning?: number;
  /** Skip malformed rows with a warning instead of refusing the file. */
  skipBadRows?: boolean;
  /** Imported picks are curated labels ('accepted', default) or candidates to review. */
  status?: Extract<PickStatus, 'accepted' | 'candidate'>;
}

/** Warnings shown one by one; the rest are summarised so a bad 100k-row file cannot flood the page. */
const MAX_WARNINGS_SHOWN = 5;

/** Extensions of every coordinates format we read (docs/formats.md), for file pickers and drops. */
export const COORDINATE_FILE_EXTENSIONS = ['.star', '.csv', '.tsv', '.txt', '.coords', '.json', '.ndjson', '.jsonl', '.mod', '.tbl', '.xml'] as const;

/** Dropped files with these names are picks for the active tomogram, not tomograms. */
export function isCoordinatesFileName(name: string): boolean {
  const lower = name.toLowerCase();
  return COORDINATE_FILE_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

/** RELION tomogram sets are recognised by name: their content is refused as coordinates anyway. */
export function isTomogramSetFile(name: string): boolean {
  return /tomograms\.star$/i.test(name);
}

/** Imports every coordinates file of `files` onto the active tomogram, one undoable step per file. */
export async function importCoordinateFiles(files: readonly File[], options: ImportCoordinatesOptions = {}): Promise<void> {
  const jobs = useJobsStore.getState();
  const tomogram = activeTomogram(useProjectStore.getState());
  if (!tomogram) {
    jobs.notify('error', 'Open a tomogram before importing coordinates: picks are placed in its voxels');
    return;
  }
  const sets = files.filter((f) => isTomogramSetFile(f.name));
  const coordinateFiles = files.filter((f) => !isTomogramSetFile(f.name));
  if (coordinateFiles.length === 0) {
    jobs.notify('error', `${sets.map((f) => f.name).join(', ')}: a tomogram set only gives sizes; add the particles file too`);
    return;
  }
  let relionTomograms: RelionTomogramInfo[] | undefined;
  try {
    for (const set of sets) relionTomograms = [...(relionTomograms ?? []), ...readRelionTomogramsStar(await set.text(), set.name)];
  } catch (err) {
    jobs.notify('error', `Import failed: ${(err as Error).message}`);
    return;
  }
  for (const file of coordinateFiles) await importOne(file, tomogram, options, relionTomograms);
}

async function importOne(
  file: File,
  tomogram: TomogramEntry,
  options: ImportCoordinatesOptions,
  relionTomograms: RelionTomogramInfo[] | undefined,
): Promise<void> {
  const jobs = useJobsStore.getState();
  const controller = new AbortController();
  const jobId = jobs.startJob(`Importing ${file.name}`, () => controller.abort());
  const { volume } = tomogram;
  const ctx: CoordinateContext = {
    tomoSize: [volume.nx, volume.ny, volume.nz],
    voxelSize: volume.voxelSize[0],
    tomoName: tomogram.name,
  };
  if (options.centerMinusOne) ctx.centerMinusOne = true;
  if (options.binning !== undefined) ctx.binning = options.binning;
  if (options.skipBadRows) ctx.skipMalformedRows = true;
  if (relionTomograms) ctx.relionTomograms = relionTomograms;
  try {
    const read = await readForTomogram(file, ctx, tomogram.name, controller.signal);
    const inside = read.records.filter((r) => isInsideVolume(volume, r.x, r.y, r.z));
    const outside = read.records.length - inside.length;
    showWarnings(file.name, read.warnings);
    if (outside > 0) {
      jobs.notify(
        'warning',
        `${file.name}: ${outside.toLocaleString('en-US')} of ${read.records.length.toLocaleString('en-US')} picks lie outside ${tomogram.name} (${volume.nx}×${volume.ny}×${volume.nz} voxels) and were not imported — check the voxel size, binning or centre convention`,
      );
    }
    if (inside.length === 0) {
      jobs.notify('error', `${file.name}: no picks imported`);
      return;
    }
    const project = useProjectStore.getState();
    const activeClassId = useViewStore.getState().activeClassId;
    const defaultClassId = project.classes.some((c) => c.id === activeClassId) ? activeClassId : project.classes[0]?.id;
    const { classIds, added } = assignClasses(inside, project.classes, defaultClassId);
    const records: ImportRecord[] = inside.map((r, i) => {
      const record: ImportRecord = { tomogram: tomogram.id, x: r.x, y: r.y, z: r.z, classId: classIds[i]! };
      if (r.score !== undefined) record.score = r.score;
      return record;
    });
    // Classes first: the picks must never reference a class the project lacks; one undo takes back both.
    const picks = picksStore.getState();
    const summary = picks.batch(`import ${file.name}`, () => {
      picks.addClasses(added);
      return picks.importPicks(records, { status: options.status ?? 'accepted' });
    });
    const newClasses = added.length > 0 ? `; new classes: ${added.map((c) => c.name).join(', ')}` : '';
    jobs.notify('info', `Imported ${summary.added.toLocaleString('en-US')} picks from ${file.name} (${read.format}) onto ${tomogram.name}${newClasses}`);
  } catch (err) {
    const e = err as Error;
    if (e?.name === 'AbortError' || controller.signal.aborted) jobs.notify('info', `Importing ${file.name}: cancelled`);
    else jobs.notify('error', `Importing ${file.name} failed: ${e?.message ?? String(err)}`);
  } finally {
    useJobsStore.getState().endJob(jobId);
  }
}

/**
 * The file's rows for the opened tomogram. A file that names a single other tomogram (exports
 * often use the tilt-series name, "TS_01", for "TS_01_rec.mrc") was dropped onto this one on
 * purpose: its rows are taken, with a warning. A file naming several others is refused.
 */
async function readForTomogram(file: File, ctx: CoordinateContext, tomogramName: string, signal: AbortSignal): Promise<CoordinateImport> {
  const matching = await readCoordinatesFile(file, file.name, ctx, { signal });
  if (matching.records.length > 0) return matching;
  const anyTomogram: CoordinateContext = { ...ctx };
  delete anyTomogram.tomoName;
  const all = await readCoordinatesFile(file, file.name, anyTomogram, { signal });
  const names = [...new Set(all.records.map((r) => r.tomogram))];
  if (names.length === 0) return all;
  if (names.length > 1) {
    throw new Error(`its rows are for ${names.length} other tomograms (${names.slice(0, 5).join(', ')}), none is ${tomogramName}`);
  }
  return {
    ...all,
    warnings: [...all.warnings, `${file.name} names tomogram "${names[0]}"; its picks were placed in ${tomogramName}`],
  };
}

function showWarnings(fileName: string, warnings: readonly string[]): void {
  const jobs = useJobsStore.getState();
  for (const w of warnings.slice(0, MAX_WARNINGS_SHOWN)) jobs.notify('warning', w.startsWith(fileName) ? w : `${fileName}: ${w}`);
  const rest = warnings.length - MAX_WARNINGS_SHOWN;
  if (rest > 0) jobs.notify('warning', `${fileName}: ${rest.toLocaleString('en-US')} more warnings not shown`);
}
