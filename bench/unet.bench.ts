/**
 * U-Net speed (issue 5): per-patch inference and one training step (batch 2) of the two named
 * configurations on every tfjs backend Node has here, side by side with the same architecture in
 * PyTorch CPU (Debian python3-torch, same parameter count) and onnxruntime-node (ONNX exported from
 * that PyTorch model); plus whole-tomogram inference time for 512×512×200, extrapolated from the
 * per-patch time (patch count from the real tiling) — stated as extrapolated.
 * webgpu here is SwiftShader (Vulkan on the CPU); it is timed on the small configuration only.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { chooseNodeBackend } from '../src/gpu/node/init-node-backend.ts';
import { hasHardwareGpu } from '../src/gpu/node/hardware-gpu.ts';
import { patchOrigins } from '../src/core/volume/patch-grid.ts';
import { effectiveOverlap } from '../src/ml/infer/predict-volume.ts';
import { createOptimizer } from '../src/ml/optim/create-optimizer.ts';
import { trainStep } from '../src/ml/train/train-step.ts';
import { unetConfig, type UNetConfig, type UNetPresetName } from '../src/ml/unet/config.ts';
import { createUNet, disposeUNet, patchesToTensor, predictProbabilities } from '../src/ml/unet/model.ts';
import { loadOnnxRuntime, timeOnnxInference } from './peers/onnxruntime.ts';
import { ratioFor, type BenchFigure, type BenchRun } from './figure.ts';
import { bestOfMs } from './timing.ts';

const here = dirname(fileURLToPath(import.meta.url));
const N_CLASSES = 5;
const BATCH = 2;
const BIG_TOMOGRAM: [number, number, number] = [512, 512, 200];

/** `heavy`: one timed run, no warm-up (minutes per step on the CPU backends; JIT warm-up is noise then). */
async function timeTfjs(config: UNetConfig, repeats: number, heavy: boolean): Promise<{ inferMs: number; trainMs: number }> {
  const model = createUNet(config, 1);
  const optimizer = createOptimizer({ kind: 'adam', learningRate: 1e-3, momentum: 0, weightDecay: 0 });
  const p = config.patch;
  const one = new Float32Array(p ** 3).map((_, i) => Math.sin(i));
  const batch = { input: new Float32Array(BATCH * p ** 3).map((_, i) => Math.cos(i)), labels: new Uint8Array(BATCH * p ** 3).map((_, i) => i % N_CLASSES), size: BATCH };
  const inferMs = await bestOfMs(repeats, async () => {
    const probs = tf.tidy(() => predictProbabilities(model, patchesToTensor(one, 1, p)));
    await probs.data();
    probs.dispose();
  }, !heavy);
  const trainMs = await bestOfMs(repeats, async () => {
    const loss = trainStep(model, optimizer, batch);
    await loss.data();
    loss.dispose();
  }, !heavy);
  optimizer.dispose();
  disposeUNet(model);
  return { inferMs, trainMs };
}

function torchPeer(config: UNetConfig, onnxPath: string): { inferMsPerPatch: number; trainStepMs: number; threads: number } | null {
  const args = [join(here, 'peers/unet_torch.py'), JSON.stringify(config), '--batch', String(BATCH), '--threads', '1', '--repeats', '3', '--onnx', onnxPath];
  const r = spawnSync('/usr/bin/python3', args, { encoding: 'utf8' });
  if (r.status !== 0) {
    process.stderr.write(`unet bench: PyTorch peer failed: ${r.stderr}\n`);
    return null;
  }
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!);
}

const tomogramPatches = (config: UNetConfig) => patchOrigins(BIG_TOMOGRAM, config.patch, effectiveOverlap(config.patch)).length;

export const run: BenchRun = async () => {
  const figures: BenchFigure[] = [];
  const gpu = await hasHardwareGpu();
  const ort = await loadOnnxRuntime(join(here, '..'));
  const scratch = mkdtempSync(join(tmpdir(), 'unet-bench-'));
  for (const preset of ['cpu', 'gpu'] as UNetPresetName[]) {
    const config = unetConfig(preset, N_CLASSES);
    const label = `U-Net ${preset} preset (${config.patch}³, width ${config.baseWidth}, depth ${config.depth})`;
    const onnxPath = join(scratch, `${preset}.onnx`);
    const torch = torchPeer(config, onnxPath);
    const ortMs = 'unavailable' in ort || !torch ? null : await timeOnnxInference(ort, onnxPath, config.patch, 3);
    const patches = tomogramPatches(config);
    const backends = ['cpu', 'wasm', ...(gpu || preset === 'cpu' ? ['webgpu'] : [])];
    for (const backend of backends) {
      try {
        await chooseNodeBackend(backend as 'cpu' | 'wasm' | 'webgpu');
      } catch (err) {
        process.stderr.write(`unet bench: ${backend} unavailable: ${(err as Error).message}\n`);
        continue;
      }
      const slow = backend === 'webgpu' && !gpu;
      const heavy = preset === 'gpu' && backend !== 'webgpu';
      const { inferMs, trainMs } = await timeTfjs(config, slow || heavy ? 1 : 3, heavy);
      const where = `tfjs-${backend}${slow ? ' (SwiftShader)' : ''}`;
      const add = (name: string, value: number, unit: string, peer?: string, peerValue?: number | null, note?: string) =>
        figures.push({
          name,
          value: Math.round(value * 10) / 10,
          unit,
          ...(peer && peerValue ? { peer, peerValue: Math.round(peerValue * 10) / 10, ratio: ratioFor(unit, value, peerValue) } : {}),
          ...(note ? { note } : {}),
        });
      add(`${label}: inference per patch, ${where}`, inferMs, 'ms', 'PyTorch CPU 1 thread', torch?.inferMsPerPatch);
      if (ortMs !== null) add(`${label}: inference per patch, ${where} vs onnxruntime-node`, inferMs, 'ms', 'onnxruntime-node 1 thread', ortMs);
      add(`${label}: training step (batch ${BATCH}), ${where}`, trainMs, 'ms', 'PyTorch CPU 1 thread (Adam)', torch?.trainStepMs);
      add(`${label}: 512×512×200 inference, ${where}`, (inferMs * patches) / 1000, 's', 'PyTorch CPU 1 thread', torch ? (torch.inferMsPerPatch * patches) / 1000 : null,
        `extrapolated: ${patches} patches × per-patch time (overlap ${effectiveOverlap(config.patch)})`);
    }
  }
  if ('unavailable' in ort) process.stderr.write(`unet bench: onnxruntime-node peer skipped: ${ort.unavailable}\n`);
  return figures;
};
