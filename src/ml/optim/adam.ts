/** Adam (Kingma & Ba) with bias correction and coupled weight decay, as torch.optim.Adam. */
import * as tf from '@tensorflow/tfjs';
import type { Optimizer, OptimizerSettings } from './optimizer.ts';
import { Slots } from './slots.ts';

const BETA1 = 0.9;
const BETA2 = 0.999;
const EPSILON = 1e-8;

export class AdamOptimizer implements Optimizer {
  private readonly first = new Slots();
  private readonly second = new Slots();
  private step = 0;

  constructor(readonly settings: OptimizerSettings) {}

  apply(variables: Readonly<Record<string, tf.Variable>>, grads: Readonly<Record<string, tf.Tensor>>): void {
    const { learningRate, weightDecay } = this.settings;
    this.step++;
    const correction1 = 1 - BETA1 ** this.step;
    const correction2 = 1 - BETA2 ** this.step;
    for (const [name, variable] of Object.entries(variables)) {
      const grad = grads[name];
      if (!grad) continue;
      const m = this.first.get(name, variable);
      const v = this.second.get(name, variable);
      tf.tidy(() => {
        const g = weightDecay ? tf.add(grad, tf.mul(variable, weightDecay)) : grad;
        m.assign(tf.add(tf.mul(m, BETA1), tf.mul(g, 1 - BETA1)));
        v.assign(tf.add(tf.mul(v, BETA2), tf.mul(tf.square(g), 1 - BETA2)));
        const update = tf.div(tf.div(m, correction1), tf.add(tf.sqrt(tf.div(v, correction2)), EPSILON));
        variable.assign(tf.sub(variable, tf.mul(update, learningRate)));
      });
    }
  }

  async readState(): Promise<Record<string, Float32Array>> {
    const out: Record<string, Float32Array> = { step: new Float32Array([this.step]) };
    await this.first.read('m/', out);
    await this.second.read('v/', out);
    return out;
  }

  loadState(state: Readonly<Record<string, Float32Array>>, shapes: Readonly<Record<string, number[]>>): void {
    this.step = state.step?.[0] ?? 0;
    this.first.load('m/', state, shapes);
    this.second.load('v/', state, shapes);
  }

  dispose(): void {
    this.first.dispose();
    this.second.dispose();
  }
}
