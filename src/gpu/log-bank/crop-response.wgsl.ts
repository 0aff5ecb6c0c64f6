/**
 * Kernel: one response out of the inverse-transformed padded array (its real or its imaginary part,
 * bound as `source`): crop to the volume, apply the inverse FFT's 1/(px·py·pz) and add the offset
 * (the volume mean, for the Gaussian only: the bank filters the mean-subtracted volume).
 */
export const CROP_THREADS = 256;

export const cropResponseShader = /* wgsl */ `
struct Params {
  nx: u32,
  ny: u32,
  nz: u32,
  groupsX: u32,
  px: u32,
  py: u32,
  scale: f32,
  offset: f32,
}

@group(0) @binding(0) var<storage, read> source: array<f32>;
@group(0) @binding(1) var<storage, read_write> response: array<f32>;
@group(0) @binding(2) var<uniform> params: Params;

@compute @workgroup_size(${CROP_THREADS})
fn main(@builtin(global_invocation_id) id: vec3<u32>) {
  let i = id.x + id.y * params.groupsX * ${CROP_THREADS}u;
  let plane = params.nx * params.ny;
  if (i >= plane * params.nz) {
    return;
  }
  let x = i % params.nx;
  let y = (i / params.nx) % params.ny;
  let z = i / plane;
  response[i] = source[x + params.px * (y + params.py * z)] * params.scale + params.offset;
}
`;
