import * as tf from '@tensorflow/tfjs';
import { BACKEND_ORDER, type BackendAttempt, type BackendChoice, type BackendName } from '../core/backend-order.ts';

/**
 * A backend counts only if a real op round-trips: setBackend can succeed on a device that then fails.
 * Runs on the active backend.
 */
export async function assertBackendComputes(): Promise<void> {
  const t = tf.tidy(() => tf.add(tf.tensor1d([1, 2, 3]), tf.scalar(1)));
  const values = await t.data();
  t.dispose();
  if (values[2] !== 4) throw new Error(`wrong result ${Array.from(values).join(',')}`);
}

export interface SelectBackendOptions {
  /**
   * Makes `name` available before it is tried (e.g. installs Dawn's navigator.gpu in Node). A throw
   * records the backend as failed with that message, and the next one is tried.
   */
  prepare?: (name: BackendName) => Promise<void>;
}

/**
 * Picks the first backend in `order` that is registered, initialises and computes. Registered but
 * failing backends (e.g. webgpu without an adapter) are recorded with the reason. Which backends are
 * registered is up to the caller: `browser/select-browser-backend.ts` (workers) or
 * `node/init-node-backend.ts` (CLI, tests).
 */
export async function selectBackend(
  order: readonly BackendName[] = BACKEND_ORDER,
  { prepare }: SelectBackendOptions = {},
): Promise<BackendChoice> {
  const attempts: BackendAttempt[] = [];
  for (const name of order) {
    try {
      await prepare?.(name);
    } catch (err) {
      attempts.push({ name, ok: false, reason: (err as Error).message || String(err) });
      continue;
    }
    if (!tf.findBackendFactory(name)) {
      attempts.push({ name, ok: false, reason: 'not bundled' });
      continue;
    }
    try {
      if (!(await tf.setBackend(name))) throw new Error('initialisation failed');
      await tf.ready();
      await assertBackendComputes();
      attempts.push({ name, ok: true });
      return { active: name, attempts };
    } catch (err) {
      attempts.push({ name, ok: false, reason: (err as Error).message || String(err) });
      tf.removeBackend(name);
    }
  }
  throw new Error(`No tfjs backend works here: ${attempts.map((a) => `${a.name} (${a.reason})`).join(', ')}`);
}
