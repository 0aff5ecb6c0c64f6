/**
 * Swaps tfjs's Conv3D, Conv3DBackpropInputV2 and Conv3DBackpropFilterV2 kernels on the cpu or
 * wasm backend for ours (./conv3d-*.ts): about 3–5× faster than tfjs-cpu, and correct where
 * tfjs-wasm 4.22's Conv3DBackpropInputV2 is not. Gradients are registered per kernel name, so
 * autodiff keeps working. Attributes we do not handle (dilation ≠ 1, NCDHW, non-float32, empty
 * tensors) go to the original kernel.
 */
import * as tf from '@tensorflow/tfjs';
import { computeOnBackend, type FastConvBackend } from './backend-tensor-io.ts';
import { conv3dBackpropFilter } from './conv3d-backprop-filter.ts';
import { conv3dBackpropInput } from './conv3d-backprop-input.ts';
import { conv3dForward } from './conv3d-forward.ts';
import { type Conv3dGeometry, type Conv3dPad, type Conv3dStrides, conv3dGeometry } from './conv3d-geometry.ts';

export type { FastConvBackend } from './backend-tensor-io.ts';

type KernelArgs = Parameters<tf.KernelFunc>[0];
/** Our kernel, or null when it declines the call (the original kernel then runs). */
type FastKernel = (backendName: FastConvBackend, args: KernelArgs) => tf.TensorInfo | null;

interface ConvAttrs {
  strides: Conv3dStrides;
  pad: Conv3dPad;
  dilations?: number | number[];
  dataFormat?: string;
  inputShape?: number[];
  filterShape?: number[];
}

/** A non-empty rank-5 float32 tensor: the only kind our kernels take. */
const isFloat32Rank5 = (t: tf.TensorInfo | undefined): t is tf.TensorInfo =>
  t !== undefined && t.dtype === 'float32' && t.shape.length === 5 && t.shape.every((d) => d > 0);

/** The geometry when we support these attributes, else null. */
function supportedGeometry(xShape: number[], filterShape: number[], attrs: ConvAttrs): Conv3dGeometry | null {
  const dilations = attrs.dilations ?? 1;
  if (!(Array.isArray(dilations) ? dilations : [dilations]).every((d) => d === 1)) return null;
  if (attrs.dataFormat !== undefined && attrs.dataFormat !== 'NDHWC') return null;
  try {
    return conv3dGeometry(xShape, filterShape, attrs.strides, attrs.pad);
  } catch {
    return null; // the original kernel reports the error in tfjs's words
  }
}

const sameShape = (a: readonly number[], b: readonly number[]): boolean =>
  a.length === b.length && a.every((d, i) => d === b[i]);

const outShapeOf = (g: Conv3dGeometry): number[] => [g.batch, g.outD, g.outH, g.outW, g.outC];

const fastConv3d: FastKernel = (backendName, { inputs, backend, attrs }) => {
  const { x, filter } = inputs;
  if (!isFloat32Rank5(x) || !isFloat32Rank5(filter)) return null;
  const g = supportedGeometry(x.shape, filter.shape, attrs as unknown as ConvAttrs);
  if (!g) return null;
  return computeOnBackend(backendName, backend, [x, filter], outShapeOf(g), ([xv, fv], out) =>
    conv3dForward(xv!, fv!, g, out),
  );
};

const fastBackpropInput: FastKernel = (backendName, { inputs, backend, attrs }) => {
  const { dy, filter } = inputs;
  const a = attrs as unknown as ConvAttrs;
  if (!isFloat32Rank5(dy) || !isFloat32Rank5(filter) || !a.inputShape) return null;
  const g = supportedGeometry(a.inputShape, filter.shape, a);
  if (!g || !sameShape(dy.shape, outShapeOf(g))) return null;
  return computeOnBackend(backendName, backend, [dy, filter], [...a.inputShape], ([dyv, fv], out) =>
    conv3dBackpropInput(dyv!, fv!, g, out),
  );
};

const fastBackpropFilter: FastKernel = (backendName, { inputs, backend, attrs }) => {
  const { x, dy } = inputs;
  const a = attrs as unknown as ConvAttrs;
  if (!isFloat32Rank5(x) || !isFloat32Rank5(dy) || !a.filterShape) return null;
  const g = supportedGeometry(x.shape, a.filterShape, a);
  if (!g || !sameShape(dy.shape, outShapeOf(g))) return null;
  return computeOnBackend(backendName, backend, [x, dy], [...a.filterShape], ([xv, dyv], out) =>
    conv3dBackpropFilter(xv!, dyv!, g, out),
  );
};

const FAST_KERNELS: Record<string, FastKernel> = {
  Conv3D: fastConv3d,
  Conv3DBackpropInputV2: fastBackpropInput,
  Conv3DBackpropFilterV2: fastBackpropFilter,
};

/** tfjs's own configs we replaced, per backend, to fall back to and to restore. */
const originals = new Map<FastConvBackend, Map<string, tf.KernelConfig>>();

/**
 * Makes `backendName`'s conv3d kernels ours. Idempotent; call after the backend package is
 * imported (its kernels must be registered) — before or after the backend is initialised.
 */
export function registerFastConvKernels(backendName: FastConvBackend): void {
  if (backendName !== 'cpu' && backendName !== 'wasm') {
    throw new Error(`registerFastConvKernels: backend must be 'cpu' or 'wasm', got "${String(backendName)}"`);
  }
  if (originals.has(backendName)) return;
  const replaced = new Map<string, tf.KernelConfig>();
  for (const kernelName of Object.keys(FAST_KERNELS)) {
    const original = tf.getKernel(kernelName, backendName);
    if (!original) {
      throw new Error(
        `registerFastConvKernels: the ${backendName} backend has no ${kernelName} kernel registered ` +
          `(import @tensorflow/tfjs-backend-${backendName} first)`,
      );
    }
    replaced.set(kernelName, original);
  }
  for (const [kernelName, original] of replaced) {
    const fast = FAST_KERNELS[kernelName]!;
    tf.unregisterKernel(kernelName, backendName);
    tf.registerKernel({
      kernelName,
      backendName,
      // The original setup (e.g. wasm's cwrap) must still run: the fallback needs it.
      setupFunc: original.setupFunc,
      disposeFunc: original.disposeFunc,
      kernelFunc: (args) => fast(backendName, args) ?? original.kernelFunc(args),
    });
  }
  originals.set(backendName, replaced);
}

/** Puts tfjs's own kernels back (benchmarks compare both in one process). */
export function unregisterFastConvKernels(backendName: FastConvBackend): void {
  const replaced = originals.get(backendName);
  if (!replaced) return;
  for (const [kernelName, original] of replaced) {
    tf.unregisterKernel(kernelName, backendName);
    tf.registerKernel(original);
  }
  originals.delete(backendName);
}

export function fastConvKernelsRegistered(backendName: FastConvBackend): boolean {
  return originals.has(backendName);
}
