/**
 * U-Net shape: everything needed to build the same network in tfjs, PyTorch or ONNX. Two named
 * presets (issue 5): `cpu` trains within the 45-minute CPU budget of DESIGN.md §7, `gpu` is the
 * full configuration of RobPicker/DeepFinder-sized patches for a real GPU.
 */
export interface UNetConfig {
  /** Output channels: species + background (channel 0). */
  nClasses: number;
  /** Channels of the first level; level l has baseWidth·2^l. */
  baseWidth: number;
  /** Number of 2× poolings (the bottleneck sits below the last one). */
  depth: number;
  /** Cubic patch edge in voxels; must be divisible by 2^depth. */
  patch: number;
  /** Decoder upsampling: learned transposed convolution, or nearest-neighbour + the block convs. */
  upsampling: 'transpose' | 'nearest';
}

export type UNetPresetName = 'cpu' | 'gpu';

export const UNET_PRESETS: Readonly<Record<UNetPresetName, Omit<UNetConfig, 'nClasses'>>> = Object.freeze({
  cpu: { baseWidth: 8, depth: 2, patch: 32, upsampling: 'transpose' },
  gpu: { baseWidth: 16, depth: 3, patch: 64, upsampling: 'transpose' },
});

export function unetConfig(preset: UNetPresetName, nClasses: number, overrides: Partial<UNetConfig> = {}): UNetConfig {
  const config: UNetConfig = { ...UNET_PRESETS[preset], nClasses, ...overrides };
  validateUNetConfig(config);
  return config;
}

export function validateUNetConfig(config: UNetConfig): void {
  const { nClasses, baseWidth, depth, patch } = config;
  const positiveInt = (v: number) => Number.isInteger(v) && v > 0;
  if (!positiveInt(nClasses) || nClasses < 2) throw new Error(`U-Net needs at least 2 classes (background + 1 species), got ${nClasses}`);
  if (!positiveInt(baseWidth)) throw new Error(`U-Net baseWidth must be a positive integer, got ${baseWidth}`);
  if (!Number.isInteger(depth) || depth < 1 || depth > 5) throw new Error(`U-Net depth must be 1–5, got ${depth}`);
  if (!positiveInt(patch) || patch % 2 ** depth !== 0) {
    throw new Error(`U-Net patch ${patch} must be a positive multiple of 2^depth = ${2 ** depth}`);
  }
  if (config.upsampling !== 'transpose' && config.upsampling !== 'nearest') {
    throw new Error(`U-Net upsampling must be 'transpose' or 'nearest', got ${String(config.upsampling)}`);
  }
}

/** Channels at encoder level l (l = depth is the bottleneck). */
export function levelWidth(config: UNetConfig, level: number): number {
  return config.baseWidth * 2 ** level;
}
