/**
 * tfjs backends in Node (CLI, Vitest, benchmarks): cpu, wasm (binaries read from the package folder)
 * and webgpu (Dawn). Node-only: browser code and workers use `../browser/select-browser-backend.ts`.
 */
import { createRequire } from 'node:module';
import { dirname, sep } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { BackendChoice, BackendName } from '../../core/backend-order.ts';
import { selectBackend } from '../select-backend.ts';
import { registerFastConvKernels } from '../kernels/register-fast-conv-kernels.ts';
import { installDawnGpu } from './dawn-gpu.ts';

/** Backends Node can run, in the order 'auto' tries them. */
export const NODE_BACKENDS = ['webgpu', 'wasm', 'cpu'] as const;
export type NodeBackendName = (typeof NODE_BACKENDS)[number];
export type NodeBackendRequest = NodeBackendName | 'auto';

async function registerWebGpu(): Promise<void> {
  await installDawnGpu();
  await import('@tensorflow/tfjs-backend-webgpu');
  if (!tf.findBackendFactory('webgpu')) {
    throw new Error(
      '@tensorflow/tfjs-backend-webgpu was imported before navigator.gpu existed, so it did not register: ' +
        'call initNodeBackend before anything imports it',
    );
  }
}

async function registerWasm(): Promise<void> {
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  // The .wasm files sit next to the package's Node entry; Emscripten reads them with fs.
  const distDir = dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'));
  wasm.setWasmPaths(distDir + sep);
  // Our conv3d kernels: 2–6× faster than tfjs-wasm's, and correct where 4.22's are not (input gradient,
  // stride-2 filter gradient).
  registerFastConvKernels('wasm');
}

/** Our conv3d kernels: 3–10× faster than tfjs-cpu's (bench/results/conv3d.json). */
async function registerCpu(): Promise<void> {
  registerFastConvKernels('cpu');
}

// Once per process: a failure (e.g. no adapter) is remembered with its reason.
const registrations = new Map<BackendName, Promise<void>>();

function prepareNodeBackend(name: BackendName): Promise<void> {
  let registration = registrations.get(name);
  if (!registration) {
    registration = name === 'webgpu' ? registerWebGpu() : name === 'wasm' ? registerWasm() : registerCpu();
    registrations.set(name, registration);
  }
  return registration;
}

/** Makes `request` the active tfjs backend and says which backends were tried and why they failed. */
export async function chooseNodeBackend(request: NodeBackendRequest): Promise<BackendChoice> {
  if (request !== 'auto' && !NODE_BACKENDS.includes(request)) {
    throw new Error(`Unknown backend "${String(request)}" (expected ${NODE_BACKENDS.join(', ')} or auto)`);
  }
  const order = request === 'auto' ? NODE_BACKENDS : [request];
  return selectBackend(order, { prepare: prepareNodeBackend });
}

/**
 * Makes `request` the active tfjs backend ('auto' = webgpu → wasm → cpu, each checked with a real op)
 * and returns its name. Throws, with the reasons, when the requested backend cannot compute here.
 */
export async function initNodeBackend(request: NodeBackendRequest): Promise<NodeBackendName> {
  return (await chooseNodeBackend(request)).active as NodeBackendName;
}
