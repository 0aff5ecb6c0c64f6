/// <reference lib="webworker" />
/**
 * I/O engine: opens tomograms (MRC/CCP4/TIFF, binning on load), generates the demo tomogram, and
 * reads/writes coordinates files, off the main thread. Thin by design: the work is in src/core.
 */
import * as Comlink from 'comlink';
import { openVolume } from '../src/core/io/open-volume.ts';
import {
  readCoordinates,
  writeCoordinates,
  type CoordinateContext,
  type CoordinateFormat,
  type CoordinateImport,
  type CoordinateRecord,
} from '../src/core/io/coords/registry.ts';
import { STANDARD_CASES, simulateTomogram } from '../src/core/sim/index.ts';
import { JobRegistry, type ProgressCallback } from './rpc/jobs.ts';
import type { OpenedTomogram } from './io.types.ts';

const jobs = new JobRegistry();

const ioEngine = {
  cancel: (jobId: string) => jobs.cancel(jobId),

  openTomogram(jobId: string, file: Blob, name: string, bin: 1 | 2 | 4, onProgress: ProgressCallback): Promise<OpenedTomogram> {
    return jobs.run(jobId, async (signal) => {
      const opened = await openVolume(file, name, { bin, signal, onProgress: (f) => onProgress(f, 'reading') });
      const result: OpenedTomogram = { name, volume: opened.volume, format: opened.format, warnings: opened.warnings };
      return Comlink.transfer(result, [opened.volume.data.buffer as ArrayBuffer]);
    });
  },

  simulateDemo(jobId: string, onProgress: ProgressCallback): Promise<OpenedTomogram> {
    return jobs.run(jobId, async (signal) => {
      const config = STANDARD_CASES['demo'];
      if (!config) throw new Error('The simulator has no "demo" case');
      const sim = simulateTomogram(config, { signal, onProgress: (f, stage) => onProgress(f, stage) });
      const result: OpenedTomogram = {
        name: 'demo (simulated)',
        volume: sim.volume,
        format: 'simulated',
        warnings: [],
        classes: sim.classes,
      };
      return Comlink.transfer(result, [sim.volume.data.buffer as ArrayBuffer]);
    });
  },

  /** Parses a coordinates file of any readable format (a 100k-row STAR takes seconds). */
  readCoordinatesFile(jobId: string, file: Blob, name: string, ctx: CoordinateContext): Promise<CoordinateImport> {
    return jobs.run(jobId, async (signal) => {
      const bytes = new Uint8Array(await file.arrayBuffer());
      signal.throwIfAborted();
      return readCoordinates(name, bytes, ctx);
    });
  },

  /** The text of a coordinates file (writing 100k rows takes about a second). */
  writeCoordinatesText(jobId: string, format: CoordinateFormat, records: CoordinateRecord[], ctx: CoordinateContext): Promise<string> {
    return jobs.run(jobId, async () => writeCoordinates(format, records, ctx));
  },
};

export type IoEngine = typeof ioEngine;
Comlink.expose(ioEngine);
