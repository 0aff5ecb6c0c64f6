/**
 * tfjs 4.22 ships no gradient for Conv3DBackpropInputV2 (what tf.conv3dTranspose runs), so a
 * U-Net with transposed-convolution upsampling cannot train out of the box. conv3dTranspose is
 * the adjoint of conv3d, so its gradients are the forward conv (w.r.t. dy) and the filter
 * backprop with the roles of input and output swapped (w.r.t. the filter) — the same pattern
 * tfjs uses for the 2-D op.
 */
import * as tf from '@tensorflow/tfjs';

const KERNEL = 'Conv3DBackpropInputV2';
let registered = false;

interface Conv3DBackpropInputAttrs {
  strides: [number, number, number] | number;
  pad: 'valid' | 'same';
}

export function registerConv3dTransposeGradient(): void {
  if (registered) return;
  registered = true;
  if (tf.getGradient(KERNEL)) return; // a later tfjs may ship its own
  tf.registerGradient({
    kernelName: KERNEL,
    inputsToSave: ['dy', 'filter'],
    gradFunc: (ddx, saved, attrs) => {
      const [dy, filter] = saved as [tf.Tensor5D, tf.Tensor5D];
      const { strides, pad } = attrs as unknown as Conv3DBackpropInputAttrs;
      const grad = ddx as tf.Tensor5D;
      return {
        dy: () => tf.conv3d(grad, filter, strides, pad),
        filter: () =>
          tf.engine().runKernel('Conv3DBackpropFilterV2', { x: grad, dy }, {
            strides,
            pad,
            filterShape: filter.shape,
          } as unknown as tf.NamedAttrMap) as tf.Tensor5D,
      };
    },
  });
}
