/**
 * The WebGPU A-LoG filter bank in Node (CLI, bench) on Dawn's adapter: the machine's GPU, else
 * SwiftShader. Throws, with Dawn's reason (e.g. no Vulkan loader), when there is none.
 */
import { openWebGpuLogBank, type OpenedLogBank } from '../log-bank/request-device.ts';
import { installDawnGpu } from './dawn-gpu.ts';

export async function openNodeLogBank(): Promise<OpenedLogBank> {
  await installDawnGpu();
  const opened = await openWebGpuLogBank(navigator.gpu);
  if (!opened) throw new Error('Dawn installed navigator.gpu but it offers no adapter');
  return opened;
}
