/**
 * Whether Dawn sees a real GPU (not SwiftShader, Vulkan emulated on the CPU). 'auto' backend
 * choice in the CLI skips webgpu without one: on SwiftShader a U-Net step is hundreds of times
 * slower than on wasm/cpu (issue 5's figures).
 */
import { existsSync } from 'node:fs';

const LIBRARY_DIRS = ['/usr/lib/x86_64-linux-gnu', '/usr/lib/aarch64-linux-gnu', '/usr/lib64', '/usr/lib', '/lib/x86_64-linux-gnu', '/lib64'];

/** On Linux Dawn needs the Vulkan loader; without one there is no GPU to find (and Dawn prints warnings). */
function vulkanLoaderPresent(): boolean {
  if (process.platform !== 'linux') return true;
  const dirs = [...(process.env.LD_LIBRARY_PATH ?? '').split(':').filter(Boolean), ...LIBRARY_DIRS];
  return dirs.some((dir) => existsSync(`${dir}/libvulkan.so.1`));
}

export async function hasHardwareGpu(): Promise<boolean> {
  if (process.env.VK_ICD_FILENAMES?.includes('swiftshader') || !vulkanLoaderPresent()) return false;
  try {
    const { create } = await import('webgpu');
    const adapter = await create([]).requestAdapter();
    if (!adapter) return false;
    const info = adapter.info;
    return !(info.isFallbackAdapter ?? false) && !/swiftshader/i.test(`${info.description} ${info.vendor} ${info.architecture}`);
  } catch {
    return false;
  }
}
