/**
 * Backend choice in browser workers: registers webgpu and wasm next to the webgl/cpu backends that
 * `@tensorflow/tfjs` brings, with the wasm binaries served from our own origin (DESIGN.md §6).
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
// Vite emits each binary as a hashed asset of this build: never fetched from a CDN.
import wasmPlainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { BACKEND_ORDER, type BackendChoice, type BackendName } from '../../core/backend-order.ts';
import { registerFastConvKernels } from '../kernels/register-fast-conv-kernels.ts';
import { selectBackend } from '../select-backend.ts';

// tfjs picks SIMD where the browser has it, else plain. Threaded SIMD (which needs a crossOriginIsolated
// page) stays off: its pthread workers are built from the factory's source text (`toString()`), which
// the minified bundle breaks ("e is not defined" in each blob worker; checked in Chromium).
tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
// Every binary is still mapped, so a file tfjs asks for always comes from our origin.
setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlainUrl,
  'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimdUrl,
});
// Our conv3d kernels on the CPU backends: faster than tfjs 4.22's, and correct where wasm's are not.
registerFastConvKernels('wasm');
registerFastConvKernels('cpu');

/** Picks the first backend of `order` that computes in this worker (webgpu → webgl → wasm → cpu). */
export function selectBrowserBackend(order: readonly BackendName[] = BACKEND_ORDER): Promise<BackendChoice> {
  return selectBackend(order);
}
