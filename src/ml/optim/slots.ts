/** Per-weight optimiser state (momentum buffers, Adam moments), created lazily as zeros. */
import type * as tf from '@tensorflow/tfjs';
import { variableFrom } from '../tensors/variable-from.ts';

export class Slots {
  private readonly tensors = new Map<string, tf.Variable>();

  get(name: string, like: tf.Tensor): tf.Variable {
    let slot = this.tensors.get(name);
    if (!slot) {
      slot = variableFrom(new Float32Array(like.size), like.shape, false);
      this.tensors.set(name, slot);
    }
    return slot;
  }

  async read(prefix: string, out: Record<string, Float32Array>): Promise<void> {
    for (const [name, v] of this.tensors) out[`${prefix}${name}`] = (await v.data()) as Float32Array;
  }

  load(prefix: string, state: Readonly<Record<string, Float32Array>>, shapes: Readonly<Record<string, number[]>>): void {
    for (const [key, values] of Object.entries(state)) {
      if (!key.startsWith(prefix)) continue;
      const name = key.slice(prefix.length);
      const shape = shapes[name];
      if (!shape) throw new Error(`optimizer state for unknown weight "${name}"`);
      this.tensors.get(name)?.dispose();
      this.tensors.set(name, variableFrom(values, shape, false));
    }
  }

  dispose(): void {
    for (const v of this.tensors.values()) v.dispose();
    this.tensors.clear();
  }
}
