import { useEffect, useState } from 'react';
import { lowPassInWorker } from '../../workers/filter.client.ts';
import { histogram, percentileWindow } from '../core/volume/histogram.ts';
import type { Volume } from '../core/volume/volume.ts';
import { useJobsStore } from '../state/jobs-store.ts';
import type { TomogramEntry } from '../state/project-store.ts';
import { useViewStore } from '../state/view-store.ts';

/** Filtered copies are kept per tomogram and σ, so toggling the filter back is instant. */
const cache = new Map<string, Promise<Volume>>();

function lowPassed(entry: TomogramEntry, sigma: number): Promise<Volume> {
  const key = `${entry.id}:${sigma}`;
  let pending = cache.get(key);
  if (!pending) {
    const jobs = useJobsStore.getState();
    const controller = new AbortController();
    const jobId = jobs.startJob(`Low-pass ${sigma} Å`, () => controller.abort());
    pending = lowPassInWorker(entry.volume, sigma, {
      signal: controller.signal,
      onProgress: (f, stage) => useJobsStore.getState().updateJob(jobId, f, stage),
    }).finally(() => useJobsStore.getState().endJob(jobId));
    pending.catch(() => cache.delete(key)); // a failed or cancelled run is not cached
    cache.set(key, pending);
  }
  return pending;
}

/** The volume the slice views show: the tomogram itself, or its low-pass when one is set. */
export function useDisplayVolume(entry: TomogramEntry): Volume {
  const sigma = useViewStore((s) => s.lowPassAngstrom);
  const [filtered, setFiltered] = useState<{ key: string; volume: Volume } | undefined>(undefined);
  const key = `${entry.id}:${sigma}`;
  useEffect(() => {
    if (!(sigma > 0)) return;
    let live = true;
    lowPassed(entry, sigma).then(
      (volume) => {
        if (!live) return;
        setFiltered({ key, volume });
        const view = useViewStore.getState();
        view.setContrast({ ...percentileWindow(histogram(volume)), invert: view.contrast?.invert ?? false });
      },
      (err: Error) => {
        if (!live) return;
        useViewStore.getState().setLowPass(0);
        if (err.name !== 'AbortError') useJobsStore.getState().notify('error', `Low-pass failed: ${err.message}`);
      },
    );
    return () => {
      live = false;
    };
  }, [entry, sigma, key]);
  return sigma > 0 && filtered?.key === key ? filtered.volume : entry.volume;
}
