/**
 * The WebGPU A-LoG bank (issue 4: reported separately from the CPU path) against our CPU bank on
 * one thread, on the same volume, on Dawn's adapter: the machine's GPU, else SwiftShader (Vulkan on
 * the CPU; needs Debian's libvulkan1). Only 256×256×128 on SwiftShader (512×512×200 would take most
 * of an hour); 256×256×128 and 512×512×200 on a hardware GPU. Includes the shaders' compilation.
 * No adapter: no figure (and a line on stderr saying why).
 */
import { openNodeLogBank } from '../src/gpu/node/node-log-bank.ts';
import { ratioFor, type BenchFigure, type BenchRun } from './figure.ts';
import { ours, RANGE, round, simulate } from './proposals.bench.ts';

export const run: BenchRun = async () => {
  const gpu = await openNodeLogBank().catch((error: Error) => {
    process.stderr.write(`proposals bench: no WebGPU figure (${error.message})\n`);
    return null;
  });
  if (!gpu) return [];
  const figures: BenchFigure[] = [];
  const device = `${gpu.adapterName}${gpu.software ? ', software Vulkan on the CPU' : ''}`;
  const shapes: [number, number, number][] = gpu.software ? [[256, 256, 128]] : [[256, 256, 128], [512, 512, 200]];
  try {
    for (const shape of shapes) {
      const c = simulate(shape);
      const onGpu = await ours(c, gpu.bank);
      const onCpu = await ours(c);
      figures.push({
        name: `A-LoG proposals WebGPU ${c.label} (range ${RANGE.join('–')} Å) on ${device}`,
        value: round(onGpu.seconds, 1),
        unit: 's',
        peer: 'our CPU Fourier bank on the same volume',
        peerValue: round(onCpu.seconds, 1),
        ratio: ratioFor('s', onGpu.seconds, onCpu.seconds),
        note: `recall WebGPU ${round(onGpu.recall)} (${onGpu.count} picks) vs CPU ${round(onCpu.recall)} (${onCpu.count} picks), K=${onGpu.topK}`,
      });
    }
  } finally {
    gpu.device.destroy();
  }
  return figures;
};
