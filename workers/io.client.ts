/** Page-side handle on the I/O engine (one worker, created lazily). */
import { spawnEngine, type Engine } from './rpc/spawn.ts';
import type { ProgressCallback } from './rpc/jobs.ts';
import type { IoEngine } from './io.worker.ts';
import type { OpenedTomogram } from './io.types.ts';
import type {
  CoordinateContext,
  CoordinateFormat,
  CoordinateImport,
  CoordinateRecord,
} from '../src/core/io/coords/registry.ts';

let engine: Engine<IoEngine> | undefined;

function ioEngine(): Engine<IoEngine> {
  engine ??= spawnEngine<IoEngine>(new Worker(new URL('./io.worker.ts', import.meta.url), { type: 'module' }), 'io');
  return engine;
}

export interface JobOptions {
  signal?: AbortSignal;
  onProgress?: ProgressCallback;
}

export function openTomogramFile(file: Blob, name: string, bin: 1 | 2 | 4, options: JobOptions = {}): Promise<OpenedTomogram> {
  return ioEngine().job((api, jobId, progress) => api.openTomogram(jobId, file, name, bin, progress), options);
}

export function generateDemoTomogram(options: JobOptions = {}): Promise<OpenedTomogram> {
  return ioEngine().job((api, jobId, progress) => api.simulateDemo(jobId, progress), options);
}

/** Reads a coordinates file (any readable format) in the worker; records in 0-based voxels. */
export function readCoordinatesFile(file: Blob, name: string, ctx: CoordinateContext, options: JobOptions = {}): Promise<CoordinateImport> {
  return ioEngine().job((api, jobId) => api.readCoordinatesFile(jobId, file, name, ctx), options);
}

/** Writes records as a coordinates file's text in the worker; rejects with the writer's message. */
export function writeCoordinatesText(
  format: CoordinateFormat,
  records: CoordinateRecord[],
  ctx: CoordinateContext,
  options: JobOptions = {},
): Promise<string> {
  return ioEngine().job((api, jobId) => api.writeCoordinatesText(jobId, format, records, ctx), options);
}
