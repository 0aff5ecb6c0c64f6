/// <reference types="@webgpu/types" />
/**
 * The A-LoG filter bank on WebGPU: the same filters as the CPU `FourierLogFilterBank` (same
 * mirror-padded power-of-two grid, same transfer tables, same pair trick), computed with
 * hand-written WGSL kernels: one forward 3D FFT of the volume, then per pair of filters one
 * transfer multiply, one inverse 3D FFT and two crops read back with `mapAsync`.
 *
 * The caller owns the GPUDevice (see request-device.ts for one with the adapter's limits). A lost
 * device rejects the running call with a clear message; so does a volume too large for the
 * device's buffer limits (bank-plan.ts), so the caller can fall back to the CPU bank.
 */
import { axisTables, transferLogScale } from '../../core/proposals/pair-transfer.ts';
import type { BankFilter, FilterBankOptions, LogFilterBank, ResponseConsumer } from '../../core/proposals/log-filter-bank.ts';
import { mirrorPad, paddedShape, type Shape3 } from '../../core/proposals/mirror-pad.ts';
import type { Volume } from '../../core/volume/volume.ts';
import { APPLY_TRANSFER_THREADS, applyTransferShader } from './apply-transfer.wgsl.ts';
import { dispatchGrid, mib, planLogBank, type BankPlan } from './bank-plan.ts';
import { CROP_THREADS, cropResponseShader } from './crop-response.wgsl.ts';
import { cachedPipeline, encodeDispatch, prepareFft3d, type PipelineCache } from './fft3d-passes.ts';

/** Buffers of one run; destroyed when it ends. */
interface RunBuffers {
  spectrumRe: GPUBuffer;
  spectrumIm: GPUBuffer;
  workRe: GPUBuffer;
  workIm: GPUBuffer;
  response: GPUBuffer;
  readback: GPUBuffer;
  tables: GPUBuffer;
  transferParams: GPUBuffer;
  small: GPUBuffer[];
}

export class WebGpuLogFilterBank implements LogFilterBank {
  readonly name = 'webgpu-fourier';
  private readonly pipelines: PipelineCache = new Map();
  /** Rejects (with the reason) once the device is lost; raced against every wait on the GPU. */
  private readonly lost: Promise<never>;

  /**
   * `maxLineThreads`: threads per FFT line (workgroup size); default the device's limit (256).
   * Software adapters want SOFTWARE_LINE_THREADS (request-device.ts).
   */
  constructor(
    private readonly device: GPUDevice,
    private readonly maxLineThreads = device.limits.maxComputeInvocationsPerWorkgroup,
  ) {
    this.lost = device.lost.then((info) => {
      throw new Error(`GPU device lost during the A-LoG filtering (${info.reason || 'unknown reason'})${info.message ? `: ${info.message}` : ''}`);
    });
    // Nobody may be running when it is lost (or destroyed by its owner): not an unhandled rejection.
    this.lost.catch(() => undefined);
  }

  async run(volume: Volume, filters: readonly BankFilter[], consume: ResponseConsumer, options: FilterBankOptions = {}): Promise<void> {
    const { signal, onProgress } = options;
    signal?.throwIfAborted();
    const shape: Shape3 = [volume.nx, volume.ny, volume.nz];
    const plan = planLogBank(shape, paddedShape(volume), this.device.limits);
    const pairs = Math.ceil(filters.length / 2);
    const steps = 1 + pairs;
    // As on the CPU: filter the mean-subtracted volume (float32 precision of small LoG values).
    const offset = Number.isFinite(volume.stats.mean) ? volume.stats.mean : 0;
    const padded = new Float32Array(plan.paddedVoxels);
    mirrorPad(volume, plan.padded, padded, offset);

    const buffers = await this.allocate(plan);
    try {
      this.device.queue.writeBuffer(buffers.spectrumRe, 0, padded);
      // Shader and bind-group errors surface here, with the compiler's message, not as an invalid pass later.
      this.device.pushErrorScope('validation');
      const forwardFft = prepareFft3d(this.device, this.pipelines, plan.padded, buffers.spectrumRe, buffers.spectrumIm, false, buffers.small, this.maxLineThreads);
      const inverseFft = prepareFft3d(this.device, this.pipelines, plan.padded, buffers.workRe, buffers.workIm, true, buffers.small, this.maxLineThreads);
      const crops = this.cropPasses(plan, buffers, offset);
      const transfer = this.transferPass(plan, buffers);
      const setupError = await this.guard(this.device.popErrorScope());
      if (setupError) throw new Error(`WebGPU filter bank: preparing the kernels failed: ${setupError.message}`);
      await this.submitChecked('forward FFT', forwardFft);
      onProgress?.(1 / steps);

      const response = new Float32Array(plan.voxels);
      for (let p = 0; p < pairs; p++) {
        signal?.throwIfAborted();
        const first = filters[2 * p]!;
        const second = filters[2 * p + 1];
        this.writeTransfer(plan, buffers, first, second);
        for (const [part, filter] of [[0, first], [1, second]] as const) {
          if (!filter) continue;
          await this.submitChecked(`filter ${2 * p + part}`, (encoder) => {
            if (part === 0) {
              transfer(encoder);
              inverseFft(encoder);
            }
            crops[part](encoder, filter.kind === 'gaussian');
            encoder.copyBufferToBuffer(buffers.response, 0, buffers.readback, 0, plan.responseBytes);
          });
          await this.guard(buffers.readback.mapAsync(GPUMapMode.READ));
          response.set(new Float32Array(buffers.readback.getMappedRange()));
          buffers.readback.unmap();
          consume(2 * p + part, response);
        }
        onProgress?.((2 + p) / steps);
      }
    } finally {
      for (const buffer of [buffers.spectrumRe, buffers.spectrumIm, buffers.workRe, buffers.workIm, buffers.response, buffers.readback, buffers.tables, buffers.transferParams, ...buffers.small]) {
        buffer.destroy();
      }
    }
  }

  private guard<T>(work: Promise<T>): Promise<T> {
    return Promise.race([work, this.lost]);
  }

  private async allocate(plan: BankPlan): Promise<RunBuffers> {
    const { device } = this;
    // Read here, not at import: the worker imports this module in browsers without WebGPU too.
    const { STORAGE, COPY_DST, COPY_SRC, MAP_READ, UNIFORM } = GPUBufferUsage;
    device.pushErrorScope('out-of-memory');
    const big = (label: string, size: number, usage: number) => device.createBuffer({ label, size, usage });
    const [px, py, pz] = plan.padded;
    const buffers: RunBuffers = {
      spectrumRe: big('spectrum re', plan.paddedBytes, STORAGE | COPY_DST),
      spectrumIm: big('spectrum im', plan.paddedBytes, STORAGE),
      workRe: big('work re', plan.paddedBytes, STORAGE),
      workIm: big('work im', plan.paddedBytes, STORAGE),
      response: big('response', plan.responseBytes, STORAGE | COPY_SRC),
      readback: big('response read-back', plan.responseBytes, MAP_READ | COPY_DST),
      tables: big('transfer tables', 4 * 2 * 2 * (px + py + pz), STORAGE | COPY_DST),
      transferParams: big('transfer params', 32, UNIFORM | COPY_DST),
      small: [],
    };
    const error = await this.guard(device.popErrorScope());
    if (error) {
      for (const buffer of Object.values(buffers).flat()) (buffer as GPUBuffer).destroy();
      throw new Error(
        `WebGPU filter bank: the GPU could not allocate ${mib(plan.totalBytes)} for a ${plan.shape.join('×')} volume ` +
          `(padded ${plan.padded.join('×')}; 4 buffers of ${mib(plan.paddedBytes)}, 2 of ${mib(plan.responseBytes)}): ${error.message}`,
      );
    }
    return buffers;
  }

  /** Runs `record` in one submission and rejects with the GPU's message if it did not validate. */
  private async submitChecked(what: string, record: (encoder: GPUCommandEncoder) => void): Promise<void> {
    const { device } = this;
    device.pushErrorScope('validation');
    const encoder = device.createCommandEncoder({ label: what });
    record(encoder);
    device.queue.submit([encoder.finish()]);
    const error = await this.guard(device.popErrorScope());
    if (error) throw new Error(`WebGPU filter bank: ${what} failed: ${error.message}`);
  }

  private uniform(buffers: RunBuffers, data: ArrayBuffer): GPUBuffer {
    const buffer = this.device.createBuffer({ size: data.byteLength, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
    this.device.queue.writeBuffer(buffer, 0, data);
    buffers.small.push(buffer);
    return buffer;
  }

  private transferPass(plan: BankPlan, buffers: RunBuffers): (encoder: GPUCommandEncoder) => void {
    const pipeline = cachedPipeline(this.device, this.pipelines, 'apply-transfer', () => applyTransferShader);
    const grid = dispatchGrid(Math.ceil(plan.paddedVoxels / APPLY_TRANSFER_THREADS), this.device.limits.maxComputeWorkgroupsPerDimension);
    const [px, py, pz] = plan.padded;
    const params = new ArrayBuffer(32);
    new Uint32Array(params, 0, 4).set([px, py, pz, grid.groupsX]);
    this.device.queue.writeBuffer(buffers.transferParams, 0, params);
    const bindGroup = this.device.createBindGroup({
      layout: pipeline.getBindGroupLayout(0),
      entries: [buffers.spectrumRe, buffers.spectrumIm, buffers.workRe, buffers.workIm, buffers.tables, buffers.transferParams].map((buffer, binding) => ({
        binding,
        resource: { buffer },
      })),
    });
    return (encoder) => encodeDispatch(encoder, pipeline, bindGroup, grid);
  }

  /** Uploads the pair's per-axis tables and scales (the CPU bank's own `axisTables`). */
  private writeTransfer(plan: BankPlan, buffers: RunBuffers, first: BankFilter, second: BankFilter | undefined): void {
    const [px, py, pz] = plan.padded;
    const tables = new Float32Array(2 * 2 * (px + py + pz));
    let at = 0;
    for (const filter of [first, second]) {
      for (let axis = 0; axis < 3; axis++) {
        const n = plan.padded[axis]!;
        if (filter) {
          const { s, g } = axisTables(n, filter.sigmaVoxels[axis]!);
          tables.set(s, at);
          tables.set(g, at + n);
        }
        at += 2 * n;
      }
    }
    this.device.queue.writeBuffer(buffers.tables, 0, tables);
    const scales = new Float32Array([transferLogScale(first), second ? transferLogScale(second) : 0, second ? 1 : 0]);
    this.device.queue.writeBuffer(buffers.transferParams, 16, scales);
  }

  /** Crop of the real part (first filter of a pair) and of the imaginary part (second filter). */
  private cropPasses(plan: BankPlan, buffers: RunBuffers, offset: number): [CropPass, CropPass] {
    const pipeline = cachedPipeline(this.device, this.pipelines, 'crop-response', () => cropResponseShader);
    const grid = dispatchGrid(Math.ceil(plan.voxels / CROP_THREADS), this.device.limits.maxComputeWorkgroupsPerDimension);
    const paramsFor = (addOffset: number) => {
      const params = new ArrayBuffer(32);
      new Uint32Array(params, 0, 6).set([...plan.shape, grid.groupsX, plan.padded[0], plan.padded[1]]);
      new Float32Array(params, 24, 2).set([1 / plan.paddedVoxels, addOffset]);
      return this.uniform(buffers, params);
    };
    // The Gaussian (DC gain 1) gets the mean back; LoG responses have zero DC gain.
    const plain = paramsFor(0);
    const withOffset = paramsFor(offset);
    const make = (source: GPUBuffer): CropPass => {
      const bindGroups = [plain, withOffset].map((params) =>
        this.device.createBindGroup({
          layout: pipeline.getBindGroupLayout(0),
          entries: [source, buffers.response, params].map((buffer, binding) => ({ binding, resource: { buffer } })),
        }),
      );
      return (encoder, gaussian) => encodeDispatch(encoder, pipeline, bindGroups[gaussian ? 1 : 0]!, grid);
    };
    return [make(buffers.workRe), make(buffers.workIm)];
  }
}

type CropPass = (encoder: GPUCommandEncoder, gaussian: boolean) => void;
