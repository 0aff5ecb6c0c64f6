/**
 * tfjs-backend-wasm 4.22's Conv3DBackpropInputV2 (conv3d's input gradient, and what
 * tf.conv3dTranspose runs) returns wrong values, different on each call (even NaN): checked against
 * the cpu backend in wasm-conv3d-backprop-input.test.ts. This replaces it on wasm with a JS loop over
 * the wasm heap, the cost of the cpu backend's own kernel for this one op.
 */
import * as tf from '@tensorflow/tfjs';

const KERNEL = 'Conv3DBackpropInputV2';

/** What the wasm backend exposes to kernels (not in tfjs' public types). */
interface WasmHeapBackend {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): Float32Array;
}

interface Conv3DBackpropInputAttrs {
  inputShape: [number, number, number, number, number];
  strides: [number, number, number] | number;
  pad: 'valid' | 'same';
}

/** dx[o·s + k − pad, ci] += Σ_co dy[o, co] · w[k, ci, co] (NDHWC, filter [kd, kh, kw, ci, co]). */
function conv3dBackpropInput(args: { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: tf.NamedAttrMap }): tf.TensorInfo {
  const { dy, filter } = args.inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
  const { inputShape, strides, pad } = args.attrs as unknown as Conv3DBackpropInputAttrs;
  const backend = args.backend as WasmHeapBackend;
  const info = tf.backend_util.computeConv3DInfo(inputShape, filter.shape as typeof inputShape, strides, 1, pad);
  const out = backend.makeOutput(info.inShape, 'float32');
  // Views after makeOutput: allocating can grow the wasm memory, which detaches older views.
  const dx = backend.typedArrayFromHeap(out).fill(0);
  const dyValues = backend.typedArrayFromHeap(dy);
  const w = backend.typedArrayFromHeap(filter);
  const { inDepth, inHeight, inWidth, inChannels: ci, outDepth, outHeight, outWidth, outChannels: co } = info;
  const { filterDepth, filterHeight, filterWidth, strideDepth, strideHeight, strideWidth } = info;
  const { front, top, left } = info.padInfo;
  for (let b = 0; b < info.batchSize; b++) {
    for (let od = 0; od < outDepth; od++) for (let oh = 0; oh < outHeight; oh++) for (let ow = 0; ow < outWidth; ow++) {
      const dyBase = (((b * outDepth + od) * outHeight + oh) * outWidth + ow) * co;
      for (let kd = 0; kd < filterDepth; kd++) {
        const id = od * strideDepth + kd - front;
        if (id < 0 || id >= inDepth) continue;
        for (let kh = 0; kh < filterHeight; kh++) {
          const ih = oh * strideHeight + kh - top;
          if (ih < 0 || ih >= inHeight) continue;
          for (let kw = 0; kw < filterWidth; kw++) {
            const iw = ow * strideWidth + kw - left;
            if (iw < 0 || iw >= inWidth) continue;
            const dxBase = (((b * inDepth + id) * inHeight + ih) * inWidth + iw) * ci;
            const wBase = ((kd * filterHeight + kh) * filterWidth + kw) * ci * co;
            for (let c = 0; c < ci; c++) {
              let sum = 0;
              const wRow = wBase + c * co;
              for (let o = 0; o < co; o++) sum += dyValues[dyBase + o]! * w[wRow + o]!;
              dx[dxBase + c]! += sum;
            }
          }
        }
      }
    }
  }
  return out;
}

/** Replaces wasm's Conv3DBackpropInputV2; call after importing @tensorflow/tfjs-backend-wasm. */
export function fixWasmConv3dBackpropInput(): void {
  const current = tf.getKernel(KERNEL, 'wasm');
  if (current?.kernelFunc === conv3dBackpropInput) return;
  if (current) tf.unregisterKernel(KERNEL, 'wasm');
  tf.registerKernel({ kernelName: KERNEL, backendName: 'wasm', kernelFunc: conv3dBackpropInput as tf.KernelFunc });
}
