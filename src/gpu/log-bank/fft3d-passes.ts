/// <reference types="@webgpu/types" />
/**
 * Host side of the GPU 3D FFT: one `fft-lines` dispatch per axis of a split-complex power-of-two
 * array (in place, unnormalised: the inverse does not divide by px·py·pz).
 */
import type { Shape3 } from '../../core/proposals/mirror-pad.ts';
import { checkFftAxes, dispatchGrid } from './bank-plan.ts';
import { fftLinesShader, fftLineThreads, fftTwiddles } from './fft-lines.wgsl.ts';

/** Compiled pipelines by shader key, kept per device by their owner. */
export type PipelineCache = Map<string, GPUComputePipeline>;

export function cachedPipeline(device: GPUDevice, cache: PipelineCache, key: string, code: () => string): GPUComputePipeline {
  let pipeline = cache.get(key);
  if (!pipeline) {
    const module = device.createShaderModule({ label: key, code: code() });
    pipeline = device.createComputePipeline({ label: key, layout: 'auto', compute: { module, entryPoint: 'main' } });
    cache.set(key, pipeline);
  }
  return pipeline;
}

export function encodeDispatch(encoder: GPUCommandEncoder, pipeline: GPUComputePipeline, bindGroup: GPUBindGroup, grid: { groupsX: number; groupsY: number }): void {
  const pass = encoder.beginComputePass();
  pass.setPipeline(pipeline);
  pass.setBindGroup(0, bindGroup);
  pass.dispatchWorkgroups(grid.groupsX, grid.groupsY);
  pass.end();
}

/**
 * Prepares the axis passes of a 3D FFT of (re, im) with shape `padded` and returns the function
 * that records them. Small buffers it creates (twiddles, parameters) are pushed on `owned`.
 * `maxLineThreads` caps the threads per line (see SOFTWARE_LINE_THREADS).
 */
export function prepareFft3d(
  device: GPUDevice,
  cache: PipelineCache,
  padded: Shape3,
  re: GPUBuffer,
  im: GPUBuffer,
  inverse: boolean,
  owned: GPUBuffer[],
  maxLineThreads = device.limits.maxComputeInvocationsPerWorkgroup,
): (encoder: GPUCommandEncoder) => void {
  const { limits } = device;
  const total = padded[0] * padded[1] * padded[2];
  const inners = [1, padded[0], padded[0] * padded[1]];
  checkFftAxes(padded, limits);
  const axes = padded.flatMap((n, axis) => {
    // A length-1 axis (2D data) needs no transform.
    if (n === 1) return [];
    const threads = fftLineThreads(n, Math.min(maxLineThreads, limits.maxComputeInvocationsPerWorkgroup));
    const pipeline = cachedPipeline(device, cache, `fft-lines n=${n} threads=${threads}`, () => fftLinesShader(n, threads));
    const lineCount = total / n;
    const grid = dispatchGrid(lineCount, limits.maxComputeWorkgroupsPerDimension);
    const params = new ArrayBuffer(16);
    new Uint32Array(params, 0, 3).set([inners[axis]!, lineCount, grid.groupsX]);
    new Float32Array(params, 12, 1)[0] = inverse ? -1 : 1;
    const twiddles = fftTwiddles(n);
    const buffers = [
      device.createBuffer({ label: `fft twiddles n=${n}`, size: twiddles.byteLength, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST }),
      device.createBuffer({ label: `fft params axis ${axis}`, size: params.byteLength, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST }),
    ] as const;
    device.queue.writeBuffer(buffers[0], 0, twiddles);
    device.queue.writeBuffer(buffers[1], 0, params);
    owned.push(...buffers);
    const bindGroup = device.createBindGroup({
      layout: pipeline.getBindGroupLayout(0),
      entries: [re, im, ...buffers].map((buffer, binding) => ({ binding, resource: { buffer } })),
    });
    return [{ pipeline, bindGroup, grid }];
  });
  return (encoder) => axes.forEach((a) => encodeDispatch(encoder, a.pipeline, a.bindGroup, a.grid));
}

/**
 * Uploads split-complex data, transforms it on the GPU and reads it back in place (tests and
 * checks; the filter bank keeps its data on the GPU). The inverse divides by the voxel count, as
 * `fft3d` does.
 */
export async function gpuFft3d(
  device: GPUDevice,
  re: Float32Array<ArrayBuffer>,
  im: Float32Array<ArrayBuffer>,
  shape: Shape3,
  inverse = false,
  maxLineThreads?: number,
): Promise<void> {
  const owned: GPUBuffer[] = [];
  const make = (usage: number) => {
    const buffer = device.createBuffer({ size: re.byteLength, usage });
    owned.push(buffer);
    return buffer;
  };
  const { STORAGE, COPY_DST, COPY_SRC, MAP_READ } = GPUBufferUsage;
  try {
    const gpuRe = make(STORAGE | COPY_DST | COPY_SRC);
    const gpuIm = make(STORAGE | COPY_DST | COPY_SRC);
    const readRe = make(MAP_READ | COPY_DST);
    const readIm = make(MAP_READ | COPY_DST);
    device.queue.writeBuffer(gpuRe, 0, re);
    device.queue.writeBuffer(gpuIm, 0, im);
    const record = prepareFft3d(device, new Map(), shape, gpuRe, gpuIm, inverse, owned, maxLineThreads);
    const encoder = device.createCommandEncoder();
    record(encoder);
    encoder.copyBufferToBuffer(gpuRe, 0, readRe, 0, re.byteLength);
    encoder.copyBufferToBuffer(gpuIm, 0, readIm, 0, im.byteLength);
    device.queue.submit([encoder.finish()]);
    await Promise.all([readRe.mapAsync(GPUMapMode.READ), readIm.mapAsync(GPUMapMode.READ)]);
    re.set(new Float32Array(readRe.getMappedRange()));
    im.set(new Float32Array(readIm.getMappedRange()));
    if (inverse) {
      const scale = 1 / re.length;
      for (let i = 0; i < re.length; i++) {
        re[i] = re[i]! * scale;
        im[i] = im[i]! * scale;
      }
    }
  } finally {
    owned.forEach((buffer) => buffer.destroy());
  }
}
