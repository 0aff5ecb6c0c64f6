/**
 * Gives Node a `navigator.gpu` from Dawn (the `webgpu` npm package, binaries inside the package), as
 * tfjs-backend-webgpu expects in a browser. Node-only.
 */
import { existsSync } from 'node:fs';
import { CHROMIUM_LIB_DIR, SWIFTSHADER_ICD } from './vulkan-loader.ts';

type NavigatorHolder = { navigator?: { gpu?: GPU } };

/**
 * Installs Dawn's WebGPU globals and `navigator.gpu`, after checking that an adapter exists: the GPU's
 * own Vulkan driver first, else SwiftShader (CPU Vulkan from Debian's Chromium). Returns the adapter's
 * description. Must run before `@tensorflow/tfjs-backend-webgpu` is imported: it registers itself
 * only when `navigator.gpu` exists at import time.
 */
export async function installDawnGpu(): Promise<string> {
  const holder = globalThis as NavigatorHolder;
  if (holder.navigator?.gpu) return 'navigator.gpu already present';
  const { create, globals } = await import('webgpu');
  let gpu = create([]);
  let adapter = await gpu.requestAdapter();
  if (!adapter && process.env.VK_ICD_FILENAMES === undefined && existsSync(SWIFTSHADER_ICD)) {
    // The Vulkan loader reads VK_ICD_FILENAMES when Dawn creates its Vulkan instance (on the first
    // adapter request), so a fresh Dawn instance sees it; restored after, for child processes.
    process.env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
    try {
      gpu = create([]);
      adapter = await gpu.requestAdapter();
    } finally {
      delete process.env.VK_ICD_FILENAMES;
    }
  }
  if (!adapter) {
    throw new Error(
      'Dawn found no WebGPU adapter (no Vulkan GPU driver, and no SwiftShader at ' +
        `${SWIFTSHADER_ICD}). If Dawn printed "Couldn't load Vulkan: libvulkan.so.1", install Debian's ` +
        `libvulkan1 or start Node with LD_LIBRARY_PATH=${CHROMIUM_LIB_DIR}.`,
    );
  }
  Object.assign(globalThis, globals);
  if (holder.navigator) Object.defineProperty(holder.navigator, 'gpu', { value: gpu, configurable: true });
  else holder.navigator = { gpu };
  return adapter.info.description || adapter.info.vendor || 'unnamed adapter';
}
