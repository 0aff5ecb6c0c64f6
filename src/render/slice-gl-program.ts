/**
 * The pure half of the WebGL2 slice renderer: shader sources and the uniform math, kept free of
 * WebGL so it can be tested in Node. The fragment shader reproduces `applyWindow`
 * (src/core/volume/window.ts) exactly, so the GPU and CPU renderers show the same grey levels.
 */
import type { ViewTransform } from './view-transform.ts';

export interface ContrastWindow {
  low: number;
  high: number;
  invert: boolean;
}

/** Corners (0..1) of the quad; the vertex shader places them with `u_rect`. */
export const QUAD_CORNERS = new Float32Array([0, 0, 1, 0, 0, 1, 1, 1]);

export const SLICE_VERTEX_SHADER = `#version 300 es
in vec2 a_corner;
uniform vec4 u_rect; // clip-space x0, y0, x1, y1 of the slice image
out vec2 v_uv;
void main() {
  v_uv = a_corner;
  gl_Position = vec4(mix(u_rect.xy, u_rect.zw, a_corner), 0.0, 1.0);
}
`;

export const SLICE_FRAGMENT_SHADER = `#version 300 es
precision highp float;
uniform highp sampler2D u_slice; // R32F, NEAREST: one texel per voxel
uniform vec4 u_window; // low, scale, sign, offset (see windowUniforms)
uniform bool u_threshold;
in vec2 v_uv;
out vec4 outColor;
void main() {
  float v = texture(u_slice, v_uv).r;
  float grey;
  if (isnan(v)) grey = 0.0;
  else grey = u_window.w + u_window.z * (u_threshold ? (v >= u_window.x ? 255.0 : 0.0) : (v - u_window.x) * u_window.y);
  // Same rounding and clamping as a Uint8ClampedArray store.
  grey = clamp(floor(grey + 0.5), 0.0, 255.0) / 255.0;
  outColor = vec4(grey, grey, grey, 1.0);
}
`;

/** The probability overlay (RGBA8, not premultiplied, NEAREST), blended over the slice with SRC_ALPHA. */
export const OVERLAY_FRAGMENT_SHADER = `#version 300 es
precision mediump float;
uniform sampler2D u_overlay;
in vec2 v_uv;
out vec4 outColor;
void main() {
  outColor = texture(u_overlay, v_uv);
}
`;

export interface WindowUniforms {
  low: number;
  /** Grey levels per data unit (0 for a threshold window). */
  scale: number;
  sign: 1 | -1;
  offset: 0 | 255;
  threshold: boolean;
}

/** The contrast window as shader uniforms; with high ≤ low the map is a threshold at low, as on the CPU. */
export function windowUniforms({ low, high, invert }: ContrastWindow): WindowUniforms {
  if (!Number.isFinite(low) || !Number.isFinite(high)) throw new RangeError(`contrast window must be finite, got [${low}, ${high}]`);
  const threshold = !(high > low);
  return { low, scale: threshold ? 0 : 255 / (high - low), sign: invert ? -1 : 1, offset: invert ? 255 : 0, threshold };
}

/** What the fragment shader computes for one value, in 0..255 (documents and tests the shader's formula). */
export function windowedGrey(v: number, u: WindowUniforms): number {
  if (Number.isNaN(v)) return 0;
  const grey = u.offset + u.sign * (u.threshold ? (v >= u.low ? 255 : 0) : (v - u.low) * u.scale);
  return Math.min(255, Math.max(0, Math.floor(grey + 0.5)));
}

/**
 * Clip-space rectangle [x0, y0, x1, y1] of a data-sized image drawn through `t` on a canvas of
 * canvasWidth × canvasHeight pixels: row 0 at the top, as the 2D canvas draws it.
 */
export function imageClipRect(t: ViewTransform, dataWidth: number, dataHeight: number, canvasWidth: number, canvasHeight: number): [number, number, number, number] {
  const toClipX = (x: number) => (2 * x) / canvasWidth - 1;
  const toClipY = (y: number) => 1 - (2 * y) / canvasHeight;
  return [toClipX(t.offsetX), toClipY(t.offsetY), toClipX(t.offsetX + dataWidth * t.scale), toClipY(t.offsetY + dataHeight * t.scale)];
}
