/** Reading the CLI's input files with user-facing errors (no stack traces for a missing file). */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { CliError, type CliIO } from './command.ts';
import { openFileSource } from './file-source.ts';
import { readCoordinates, type CoordinateContext, type CoordinateRecord } from '../core/io/coords/registry.ts';
import { openVolume } from '../core/io/open-volume.ts';
import type { Volume } from '../core/volume/volume.ts';
import type { LabelPoint } from '../core/labels/sphere-labels.ts';

function describeFsError(path: string, err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  return `cannot open ${path}: ${code === 'ENOENT' ? 'no such file' : (err as Error).message}`;
}

export async function readVolume(path: string): Promise<Volume> {
  let source;
  try {
    source = await openFileSource(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CliError(code === undefined ? (err as Error).message : describeFsError(path, err));
  }
  try {
    return (await openVolume(source, basename(path))).volume;
  } catch (err) {
    throw new CliError((err as Error).message);
  } finally {
    await source.close();
  }
}

export async function readPicks(path: string, ctx: CoordinateContext, io: CliIO): Promise<CoordinateRecord[]> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch (err) {
    throw new CliError(describeFsError(path, err));
  }
  try {
    const { records, warnings } = readCoordinates(basename(path), bytes, ctx);
    for (const warning of warnings) io.stderr(`warning: ${warning}`);
    return records;
  } catch (err) {
    throw new CliError(`${path}: ${(err as Error).message}`);
  }
}

/** Picks with a class number 1–255 (training labels, or the labels a correction review questions). */
export function labelPointsFrom(records: readonly CoordinateRecord[], file: string): LabelPoint[] {
  return records.map((r, i) => {
    if (r.classId === undefined || !Number.isInteger(r.classId) || r.classId < 1 || r.classId > 255) {
      throw new CliError(`${file}: row ${i + 1} has no class number 1–255 (training needs a class per pick)`);
    }
    return { x: r.x, y: r.y, z: r.z, classId: r.classId };
  });
}
