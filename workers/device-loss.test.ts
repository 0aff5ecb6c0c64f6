import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { withBackend } from '../src/ml/testing/backends.ts';
import { watchDeviceLoss } from './device-loss.ts';

describe('watchDeviceLoss', () => {
  it('reports a lost WebGPU device (Dawn in Node) once, with its reason', async () => {
    const messages: string[] = [];
    await withBackend('webgpu', async () => {
      const reported = new Promise<void>((resolve) =>
        watchDeviceLoss('webgpu', (message) => {
          messages.push(message);
          resolve();
        }),
      );
      // What a driver reset or a GPU process crash does to the device tfjs computes on.
      (tf.backend() as unknown as { device: { destroy(): void } }).device.destroy();
      await reported;
    });
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/^GPU device lost \(destroyed\)/);
  });
});
