/**
 * Kernel: work = spectrum · (H₁ + i·H₂) for one pair of bank filters (fourier-log-bank.ts explains
 * the pair trick). H is separable in per-axis tables (the same `axisTables` the CPU bank uses):
 * LoG: logScale·(s_x + s_y + s_z)·g_x·g_y·g_z; Gaussian (logScale 0): g_x·g_y·g_z.
 * Table layout per filter: s_x[px] g_x[px] s_y[py] g_y[py] s_z[pz] g_z[pz]; filter 2 follows filter 1.
 */
export const APPLY_TRANSFER_THREADS = 256;

export const applyTransferShader = /* wgsl */ `
struct Params {
  px: u32,
  py: u32,
  pz: u32,
  groupsX: u32,
  logScale1: f32,
  logScale2: f32,
  // 0 when the pair has no second filter (odd bank size).
  secondWeight: f32,
  _pad: f32,
}

@group(0) @binding(0) var<storage, read> spectrumRe: array<f32>;
@group(0) @binding(1) var<storage, read> spectrumIm: array<f32>;
@group(0) @binding(2) var<storage, read_write> workRe: array<f32>;
@group(0) @binding(3) var<storage, read_write> workIm: array<f32>;
@group(0) @binding(4) var<storage, read> tables: array<f32>;
@group(0) @binding(5) var<uniform> params: Params;

fn transfer(which: u32, x: u32, y: u32, z: u32, logScale: f32) -> f32 {
  let o = which * 2u * (params.px + params.py + params.pz);
  let oy = o + 2u * params.px;
  let oz = oy + 2u * params.py;
  let g = tables[o + params.px + x] * tables[oy + params.py + y] * tables[oz + params.pz + z];
  if (logScale == 0.0) {
    return g;
  }
  return logScale * (tables[o + x] + tables[oy + y] + tables[oz + z]) * g;
}

@compute @workgroup_size(${APPLY_TRANSFER_THREADS})
fn main(@builtin(global_invocation_id) id: vec3<u32>) {
  let i = id.x + id.y * params.groupsX * ${APPLY_TRANSFER_THREADS}u;
  let plane = params.px * params.py;
  if (i >= plane * params.pz) {
    return;
  }
  let x = i % params.px;
  let y = (i / params.px) % params.py;
  let z = i / plane;
  let a = transfer(0u, x, y, z, params.logScale1);
  let b = params.secondWeight * transfer(1u, x, y, z, params.logScale2);
  let fr = spectrumRe[i];
  let fi = spectrumIm[i];
  workRe[i] = fr * a - fi * b;
  workIm[i] = fi * a + fr * b;
}
`;
