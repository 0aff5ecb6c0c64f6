/// <reference types="@webgpu/types" />
/**
 * The WebGPU filter bank against the exact CPU bank, through Dawn in Node (SwiftShader on the
 * CPU-only CI machine, the GPU's own driver elsewhere).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FourierLogFilterBank } from '../../core/proposals/fourier-log-bank.ts';
import type { BankFilter, LogFilterBank } from '../../core/proposals/log-filter-bank.ts';
import { proposeParticles } from '../../core/proposals/propose.ts';
import { simulateTomogram, standardCase } from '../../core/sim/index.ts';
import { fft3d } from '../../core/volume/fft.ts';
import { createRandom } from '../../core/sim/random.ts';
import type { Volume } from '../../core/volume/volume.ts';
import { installDawnGpu } from '../node/dawn-gpu.ts';
import { planLogBank } from './bank-plan.ts';
import { gpuFft3d } from './fft3d-passes.ts';
import { openWebGpuLogBank, SOFTWARE_LINE_THREADS, type OpenedLogBank } from './request-device.ts';
import { maxAbsDiff } from '../../core/volume/naive-dft.ts';

let opened: OpenedLogBank;
let device: GPUDevice;
let lineThreads: number;

beforeAll(async () => {
  await installDawnGpu();
  const found = await openWebGpuLogBank(navigator.gpu);
  if (!found) throw new Error('no WebGPU adapter (Dawn with SwiftShader is expected on every test machine)');
  opened = found;
  device = found.device;
  lineThreads = found.software ? SOFTWARE_LINE_THREADS : 256;
});

afterAll(() => device?.destroy());

function randomComplex(length: number, seed: number): [Float32Array<ArrayBuffer>, Float32Array<ArrayBuffer>] {
  const random = createRandom(seed);
  const re = Float32Array.from({ length }, () => random.gaussian());
  const im = Float32Array.from({ length }, () => random.gaussian());
  return [re, im];
}

function maxAbs(data: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < data.length; i++) m = Math.max(m, Math.abs(data[i]!));
  return m;
}

/** A small simulated tomogram (non-power-of-two axes: mirror padding) with anisotropic voxels. */
function simulatedVolume(): Volume {
  const config = standardCase('standard-snr0.1');
  config.shape = [60, 44, 36];
  config.particleCount = 12;
  config.seed = 7;
  const { volume } = simulateTomogram(config);
  // Anisotropic voxels make every σ differ per axis.
  volume.voxelSize = [10, 11, 13];
  return volume;
}

describe('GPU FFT (fft-lines kernel)', () => {
  const shape = [16, 8, 32] as const;
  const length = shape[0] * shape[1] * shape[2];

  it('matches fft3d on a non-cubic power-of-two grid', async () => {
    const [re, im] = randomComplex(length, 1);
    const [cpuRe, cpuIm] = [re.slice(), im.slice()];
    fft3d(cpuRe, cpuIm, shape);
    await gpuFft3d(device, re, im, shape, false, lineThreads);
    const scale = Math.max(maxAbs(cpuRe), maxAbs(cpuIm));
    expect(maxAbsDiff(re, cpuRe) / scale).toBeLessThan(1e-5);
    expect(maxAbsDiff(im, cpuIm) / scale).toBeLessThan(1e-5);
  });

  it('round-trips forward then inverse', async () => {
    const [re, im] = randomComplex(length, 2);
    const [re0, im0] = [re.slice(), im.slice()];
    await gpuFft3d(device, re, im, shape, false, lineThreads);
    expect(maxAbsDiff(re, re0)).toBeGreaterThan(1);
    await gpuFft3d(device, re, im, shape, true, lineThreads);
    expect(maxAbsDiff(re, re0)).toBeLessThan(1e-5);
    expect(maxAbsDiff(im, im0)).toBeLessThan(1e-5);
  });

  it('refuses an axis that is not a power of two', async () => {
    const [re, im] = randomComplex(12 * 8, 3);
    await expect(gpuFft3d(device, re, im, [12, 8, 1])).rejects.toThrow(/axis x has length 12, not a power of two/);
  });
});

describe('WebGpuLogFilterBank', () => {
  const volume = simulatedVolume();
  const sigmas = [1.2, 2.5, 4, 6.5, 9];
  const filters: BankFilter[] = [
    ...sigmas.map((s): BankFilter => ({ kind: 'log', sigmaVoxels: [s, (s * 10) / 11, (s * 10) / 13], sign: 1 })),
    { kind: 'log', sigmaVoxels: [3, 2.7, 2.3], sign: -1 },
    { kind: 'gaussian', sigmaVoxels: [3, 2.7, 2.3] },
  ];

  async function responses(bank: LogFilterBank): Promise<{ order: number[]; data: Float32Array[] }> {
    const order: number[] = [];
    const data: Float32Array[] = [];
    await bank.run(volume, filters, (index, response) => {
      order.push(index);
      data.push(response.slice());
    });
    return { order, data };
  }

  it('gives every response of the CPU bank within 1e-3 relative, in index order', async () => {
    const cpu = await responses(new FourierLogFilterBank());
    const gpu = await responses(opened.bank);
    expect(gpu.order).toEqual(filters.map((_, i) => i));
    for (let i = 0; i < filters.length; i++) {
      const scale = maxAbs(cpu.data[i]!);
      expect(scale).toBeGreaterThan(0);
      expect(maxAbsDiff(gpu.data[i]!, cpu.data[i]!) / scale, `filter ${i}`).toBeLessThan(1e-3);
    }
  });

  it('reports progress and stops when aborted', async () => {
    const fractions: number[] = [];
    const controller = new AbortController();
    const run = opened.bank.run(volume, filters, (index) => index === 1 && controller.abort(), {
      signal: controller.signal,
      onProgress: (f) => fractions.push(f),
    });
    await expect(run).rejects.toThrow(/abort/i);
    expect(fractions[0]).toBeCloseTo(1 / 5);
    expect(fractions.length).toBeLessThan(5);
  });

  it('makes proposeParticles return the same picks as the CPU bank', async () => {
    const options = { diameterAngstrom: [120, 260] as [number, number], topK: 20 };
    const cpu = await proposeParticles(volume, options);
    const gpu = await proposeParticles(volume, { ...options, bank: opened.bank });
    expect(gpu.field.bank).toBe('webgpu-fourier');
    expect(cpu.proposals.length).toBeGreaterThan(3);
    // Same peaks; the recentred positions are mass centres of responses that agree to ~1e-6.
    expect(gpu.proposals).toHaveLength(cpu.proposals.length);
    gpu.proposals.forEach((p, i) => expect(Math.hypot(p.x - cpu.proposals[i]!.x, p.y - cpu.proposals[i]!.y, p.z - cpu.proposals[i]!.z)).toBeLessThan(1e-3));
    gpu.proposals.forEach((p, i) => expect(p.score).toBeCloseTo(cpu.proposals[i]!.score, 2));
  });

  it('rejects a running call when the device is lost', async () => {
    const own = (await openWebGpuLogBank(navigator.gpu))!;
    const run = own.bank.run(volume, filters, (index) => index === 0 && own.device.destroy());
    await expect(run).rejects.toThrow(/GPU device lost during the A-LoG filtering \(destroyed\)/);
  });
});

describe('planLogBank', () => {
  it('names the sizes when a volume does not fit the buffer limits', () => {
    const limits = {
      maxBufferSize: 256 * 2 ** 20,
      maxStorageBufferBindingSize: 128 * 2 ** 20,
      maxComputeWorkgroupStorageSize: 16384,
      maxComputeWorkgroupsPerDimension: 65535,
      maxComputeInvocationsPerWorkgroup: 256,
    };
    expect(() => planLogBank([512, 512, 200], [512, 512, 256], limits)).toThrow(/pads to 512×512×256 and needs 256 MiB storage buffers, but this GPU allows 128 MiB/);
    expect(planLogBank([300, 200, 100], [512, 256, 128], limits).totalBytes).toBe(4 * 4 * 512 * 256 * 128 + 2 * 4 * 300 * 200 * 100);
    expect(() => planLogBank([3000, 8, 8], [4096, 8, 8], limits)).toThrow(/axis x has length 4096.*at most 2048/);
  });
});
