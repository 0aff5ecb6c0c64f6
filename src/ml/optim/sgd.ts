/** SGD with momentum and coupled weight decay, the update rule of torch.optim.SGD. */
import * as tf from '@tensorflow/tfjs';
import type { Optimizer, OptimizerSettings } from './optimizer.ts';
import { Slots } from './slots.ts';

export class SgdOptimizer implements Optimizer {
  private readonly velocity = new Slots();

  constructor(readonly settings: OptimizerSettings) {}

  apply(variables: Readonly<Record<string, tf.Variable>>, grads: Readonly<Record<string, tf.Tensor>>): void {
    const { learningRate, momentum, weightDecay } = this.settings;
    for (const [name, variable] of Object.entries(variables)) {
      const grad = grads[name];
      if (!grad) continue;
      const velocity = this.velocity.get(name, variable);
      tf.tidy(() => {
        const g = weightDecay ? tf.add(grad, tf.mul(variable, weightDecay)) : grad;
        const v = momentum ? tf.add(tf.mul(velocity, momentum), g) : g;
        velocity.assign(v);
        variable.assign(tf.sub(variable, tf.mul(v, learningRate)));
      });
    }
  }

  async readState(): Promise<Record<string, Float32Array>> {
    const out: Record<string, Float32Array> = {};
    await this.velocity.read('velocity/', out);
    return out;
  }

  loadState(state: Readonly<Record<string, Float32Array>>, shapes: Readonly<Record<string, number[]>>): void {
    this.velocity.load('velocity/', state, shapes);
  }

  dispose(): void {
    this.velocity.dispose();
  }
}
