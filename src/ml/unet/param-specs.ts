/**
 * The U-Net's tensors by name and shape. One table drives initialisation, the forward pass,
 * saving/loading and the PyTorch/ONNX peers of the benchmark, so they cannot drift apart.
 */
import { levelWidth, type UNetConfig } from './config.ts';

export type ParamInit = 'he' | 'zeros' | 'ones';

export interface ParamSpec {
  name: string;
  shape: number[];
  init: ParamInit;
  /** Inputs feeding one output unit (for He initialisation). */
  fanIn: number;
  /** false for batch-norm running statistics: saved with the model, never given gradients. */
  trainable: boolean;
}

/** Two 3×3×3 conv → BN → ReLU blocks; conv without bias (BN's β plays that role). */
function blockSpecs(prefix: string, inChannels: number, width: number): ParamSpec[] {
  const specs: ParamSpec[] = [];
  let cin = inChannels;
  for (let k = 0; k < 2; k++) {
    specs.push(
      { name: `${prefix}.conv${k}.w`, shape: [3, 3, 3, cin, width], init: 'he', fanIn: 27 * cin, trainable: true },
      { name: `${prefix}.bn${k}.gamma`, shape: [width], init: 'ones', fanIn: 1, trainable: true },
      { name: `${prefix}.bn${k}.beta`, shape: [width], init: 'zeros', fanIn: 1, trainable: true },
      { name: `${prefix}.bn${k}.mean`, shape: [width], init: 'zeros', fanIn: 1, trainable: false },
      { name: `${prefix}.bn${k}.var`, shape: [width], init: 'ones', fanIn: 1, trainable: false },
    );
    cin = width;
  }
  return specs;
}

export function unetParamSpecs(config: UNetConfig): ParamSpec[] {
  const specs: ParamSpec[] = [];
  let cin = 1;
  for (let l = 0; l < config.depth; l++) {
    specs.push(...blockSpecs(`enc${l}`, cin, levelWidth(config, l)));
    cin = levelWidth(config, l);
  }
  specs.push(...blockSpecs('mid', cin, levelWidth(config, config.depth)));
  for (let l = config.depth - 1; l >= 0; l--) {
    const below = levelWidth(config, l + 1);
    const width = levelWidth(config, l);
    let upChannels = below;
    if (config.upsampling === 'transpose') {
      // conv3dTranspose filters are [d, h, w, outChannels, inChannels].
      specs.push(
        { name: `dec${l}.up.w`, shape: [2, 2, 2, width, below], init: 'he', fanIn: 8 * below, trainable: true },
        { name: `dec${l}.up.b`, shape: [width], init: 'zeros', fanIn: 1, trainable: true },
      );
      upChannels = width;
    }
    specs.push(...blockSpecs(`dec${l}`, upChannels + width, width));
  }
  const w0 = levelWidth(config, 0);
  specs.push(
    { name: 'head.w', shape: [1, 1, 1, w0, config.nClasses], init: 'he', fanIn: w0, trainable: true },
    { name: 'head.b', shape: [config.nClasses], init: 'zeros', fanIn: 1, trainable: true },
  );
  return specs;
}

export function countParameters(config: UNetConfig, trainableOnly = true): number {
  return unetParamSpecs(config)
    .filter((s) => s.trainable || !trainableOnly)
    .reduce((n, s) => n + s.shape.reduce((a, b) => a * b, 1), 0);
}
