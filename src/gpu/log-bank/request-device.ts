/// <reference types="@webgpu/types" />
/**
 * A GPUDevice for the WebGPU filter bank with the adapter's own buffer limits: WebGPU's defaults
 * (256 MiB buffers, 128 MiB bindings, 16 KiB workgroup memory) would refuse a 512×512×256 spectrum
 * that most adapters can hold. The caller owns the device (and destroys it when done).
 */
import { WebGpuLogFilterBank } from './webgpu-log-bank.ts';

/**
 * Threads per FFT line on software adapters (SwiftShader runs a workgroup on one CPU core, 4 SIMD
 * lanes wide, and its barriers are costly): a 128×128×64 FFT takes 3.0 s with 4 threads, 12.5 s
 * with 64. Hardware GPUs get the device limit (256).
 */
export const SOFTWARE_LINE_THREADS = 4;

export async function requestLogBankDevice(adapter: GPUAdapter): Promise<GPUDevice> {
  const { limits } = adapter;
  return adapter.requestDevice({
    label: 'tomopick A-LoG filter bank',
    requiredLimits: {
      maxBufferSize: limits.maxBufferSize,
      maxStorageBufferBindingSize: limits.maxStorageBufferBindingSize,
      maxComputeWorkgroupStorageSize: limits.maxComputeWorkgroupStorageSize,
    },
  });
}

export interface OpenedLogBank {
  bank: WebGpuLogFilterBank;
  /** Owned by the caller: destroy it when the bank is no longer needed. */
  device: GPUDevice;
  adapterName: string;
  /** A CPU implementation of WebGPU (SwiftShader, fallback adapters): correct but slower than the CPU bank. */
  software: boolean;
}

/** A bank on the first adapter `gpu` offers; null when there is none. */
export async function openWebGpuLogBank(gpu: GPU | undefined): Promise<OpenedLogBank | null> {
  const adapter = await gpu?.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) return null;
  const info = adapter.info;
  const adapterName = info.description || info.vendor || 'unnamed adapter';
  const software = (info.isFallbackAdapter ?? false) || /swiftshader|llvmpipe|lavapipe/i.test(`${adapterName} ${info.vendor} ${info.architecture}`);
  const device = await requestLogBankDevice(adapter);
  const bank = new WebGpuLogFilterBank(device, software ? SOFTWARE_LINE_THREADS : undefined);
  return { bank, device, adapterName, software };
}
