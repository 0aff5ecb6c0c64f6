/**
 * GPU device loss in a worker (DESIGN.md §5): tfjs's WebGPU backend does not watch `device.lost`,
 * so a lost device would leave a training job failing or hanging op by op. Reporting it as the
 * worker's own uncaught error lets the page treat it like a crash: the job rejects, the worker is
 * replaced, and the studio offers to resume from the last checkpoint.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendName } from '../src/core/backend-order.ts';

interface DeviceLostInfo {
  reason: string;
  message: string;
}

/** Calls `onLost` once if the active webgpu backend's device is lost; other backends have none to lose. */
export function watchDeviceLoss(backend: BackendName, onLost: (message: string) => void): void {
  if (backend !== 'webgpu') return;
  const device = (tf.backend() as unknown as { device?: { lost?: Promise<DeviceLostInfo> } }).device;
  void device?.lost?.then((info) => onLost(`GPU device lost (${info.reason || 'unknown reason'})${info.message ? `: ${info.message}` : ''}`));
}
