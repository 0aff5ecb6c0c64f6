/**
 * Reading kernel inputs and making the output as each backend's own kernels do, so our
 * Float32Array kernels run on the backend's memory without extra copies:
 * cpu keeps values in JS typed arrays; wasm keeps them in its heap, viewed through
 * typedArrayFromHeap (views are taken after makeOutput, which may grow and move the heap).
 */
import type * as tf from '@tensorflow/tfjs';

export type FastConvBackend = 'cpu' | 'wasm';

interface CpuBackend {
  data: { get(dataId: tf.DataId): { values?: unknown } };
  makeTensorInfo(shape: number[], dtype: 'float32', values: Float32Array): tf.TensorInfo;
}

interface WasmBackend {
  typedArrayFromHeap(t: tf.TensorInfo): unknown;
  makeOutput(shape: number[], dtype: 'float32'): tf.TensorInfo;
}

/** Fills `out` (all of it) from the input values, in the order given. */
export type ComputeInto = (inputs: Float32Array[], out: Float32Array) => void;

function asFloat32(values: unknown, what: string): Float32Array {
  if (!(values instanceof Float32Array)) throw new Error(`conv3d kernel: ${what} values are not a Float32Array`);
  return values;
}

/** Runs `compute` on the backend's buffers and returns the new output tensor. */
export function computeOnBackend(
  backendName: FastConvBackend,
  backend: unknown,
  inputs: tf.TensorInfo[],
  outShape: number[],
  compute: ComputeInto,
): tf.TensorInfo {
  if (backendName === 'cpu') {
    const cpu = backend as CpuBackend;
    const values = inputs.map((t, i) => asFloat32(cpu.data.get(t.dataId).values, `cpu input ${i}`));
    const out = new Float32Array(outShape.reduce((a, b) => a * b, 1));
    compute(values, out);
    return cpu.makeTensorInfo(outShape, 'float32', out);
  }
  const wasm = backend as WasmBackend;
  const output = wasm.makeOutput(outShape, 'float32');
  const values = inputs.map((t, i) => asFloat32(wasm.typedArrayFromHeap(t), `wasm input ${i}`));
  compute(values, asFloat32(wasm.typedArrayFromHeap(output), 'wasm output'));
  return output;
}
