/**
 * Where Dawn (the `webgpu` npm package) finds Vulkan on a machine without a GPU. Dawn dlopens
 * `libvulkan.so.1` (the Khronos loader) by name, so the dynamic linker must find it when the
 * process starts: Debian's `libvulkan1`, or the copy Debian's Chromium ships in its own folder next
 * to SwiftShader. GPU machines have the loader and the vendor driver already.
 */
import { existsSync } from 'node:fs';

export const CHROMIUM_LIB_DIR = '/usr/lib/chromium';
/** SwiftShader's Vulkan driver manifest, shipped with Debian's Chromium. */
export const SWIFTSHADER_ICD = `${CHROMIUM_LIB_DIR}/vk_swiftshader_icd.json`;

/**
 * `env` with Chromium's folder appended to LD_LIBRARY_PATH when Chromium ships a Vulkan loader, for
 * launching a Node process (e.g. Vitest's forks) whose Dawn must find one. ld.so reads the variable
 * only at process start: setting it inside a running process has no effect.
 */
export function withChromiumVulkanLoader(env: NodeJS.ProcessEnv): Record<string, string> {
  const dirs = (env.LD_LIBRARY_PATH ?? '').split(':').filter(Boolean);
  if (existsSync(`${CHROMIUM_LIB_DIR}/libvulkan.so.1`) && !dirs.includes(CHROMIUM_LIB_DIR)) dirs.push(CHROMIUM_LIB_DIR);
  return dirs.length > 0 ? { LD_LIBRARY_PATH: dirs.join(':') } : {};
}
