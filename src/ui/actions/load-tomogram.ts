/**
 * Runs a tomogram-producing job (open a file, generate the demo) with a progress bar, cancel, and
 * clear messages, then makes the result the active tomogram.
 */
import { histogram, percentileWindow } from '../../core/volume/histogram.ts';
import type { ClassDef } from '../../core/picks/pick.ts';
import type { Volume } from '../../core/volume/volume.ts';
import { useJobsStore } from '../../state/jobs-store.ts';
import { useProjectStore } from '../../state/project-store.ts';
import { useViewStore } from '../../state/view-store.ts';

export interface LoadedTomogram {
  name: string;
  volume: Volume;
  format: 'mrc' | 'tiff' | 'simulated';
  warnings: string[];
  classes?: ClassDef[];
}

type Run = (options: { signal: AbortSignal; onProgress: (fraction: number, stage?: string) => void }) => Promise<LoadedTomogram>;

/** Resolves to the new tomogram's id, or undefined when the job failed or was cancelled (already reported). */
export async function loadTomogram(label: string, run: Run): Promise<string | undefined> {
  const jobs = useJobsStore.getState();
  const controller = new AbortController();
  const jobId = jobs.startJob(label, () => controller.abort());
  try {
    const loaded = await run({
      signal: controller.signal,
      onProgress: (fraction, stage) => useJobsStore.getState().updateJob(jobId, fraction, stage),
    });
    const { volume } = loaded;
    const id = useProjectStore.getState().addTomogram(
      { name: loaded.name, volume, format: loaded.format, warnings: loaded.warnings },
      loaded.classes,
    );
    const view = useViewStore.getState();
    view.setPosition({ x: Math.floor(volume.nx / 2), y: Math.floor(volume.ny / 2), z: Math.floor(volume.nz / 2) });
    view.setContrast({ ...percentileWindow(histogram(volume)), invert: false });
    for (const warning of loaded.warnings) jobs.notify('warning', `${loaded.name}: ${warning}`);
    return id;
  } catch (err) {
    const e = err as Error;
    if (e?.name === 'AbortError' || controller.signal.aborted) jobs.notify('info', `${label}: cancelled`);
    else jobs.notify('error', `${label} failed: ${e?.message ?? String(err)}`);
    return undefined;
  } finally {
    useJobsStore.getState().endJob(jobId);
  }
}
