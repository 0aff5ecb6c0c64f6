/**
 * Slice images on the GPU (issue 3): the slice is a single-channel float texture (R32F, NEAREST),
 * uploaded only when the slice changes; the contrast window is applied in the fragment shader and
 * the quad is placed through the ViewTransform, so contrast, zoom and pan never re-upload.
 * `createSliceImageLayer` falls back to the CPU painter where WebGL2 is unavailable. A class-
 * probability overlay (probability-overlay.ts) is an RGBA8 texture blended over the slice in a
 * second pass, uploaded only when its section or style changes.
 */
import type { SliceImage } from '../core/volume/slice.ts';
import { ProbabilityOverlaySource, type OverlayImage, type OverlayKey } from './probability-overlay.ts';
import {
  OVERLAY_FRAGMENT_SHADER,
  QUAD_CORNERS,
  SLICE_FRAGMENT_SHADER,
  SLICE_VERTEX_SHADER,
  imageClipRect,
  windowUniforms,
  type ContrastWindow,
} from './slice-gl-program.ts';
import { OverlayPainter, SlicePainter, SliceSource, type SliceKey } from './slice-painter.ts';
import type { ViewTransform } from './view-transform.ts';

interface GlResources {
  program: WebGLProgram;
  vertexArray: WebGLVertexArrayObject;
  texture: WebGLTexture;
  uniforms: { rect: WebGLUniformLocation | null; window: WebGLUniformLocation | null; threshold: WebGLUniformLocation | null; slice: WebGLUniformLocation | null };
  /** Size of the texture's storage; 0 × 0 until the first upload. */
  textureWidth: number;
  textureHeight: number;
  overlay: { program: WebGLProgram; vertexArray: WebGLVertexArrayObject; texture: WebGLTexture; rect: WebGLUniformLocation | null; image: WebGLUniformLocation | null };
}

function compile(gl: WebGL2RenderingContext, type: number, source: string): WebGLShader {
  const shader = gl.createShader(type);
  if (!shader) throw new Error('WebGL2: could not create a shader');
  gl.shaderSource(shader, source);
  gl.compileShader(shader);
  if (!gl.getShaderParameter(shader, gl.COMPILE_STATUS)) throw new Error(`WebGL2 slice shader failed to compile: ${gl.getShaderInfoLog(shader)}`);
  return shader;
}

function linkProgram(gl: WebGL2RenderingContext, fragmentSource: string): WebGLProgram {
  const program = gl.createProgram();
  if (!program) throw new Error('WebGL2: could not create a program');
  gl.attachShader(program, compile(gl, gl.VERTEX_SHADER, SLICE_VERTEX_SHADER));
  gl.attachShader(program, compile(gl, gl.FRAGMENT_SHADER, fragmentSource));
  gl.linkProgram(program);
  if (!gl.getProgramParameter(program, gl.LINK_STATUS)) throw new Error(`WebGL2 slice program failed to link: ${gl.getProgramInfoLog(program)}`);
  return program;
}

/** The unit quad feeding `a_corner` of `program`. */
function quadVertexArray(gl: WebGL2RenderingContext, program: WebGLProgram): WebGLVertexArrayObject {
  const vertexArray = gl.createVertexArray();
  gl.bindVertexArray(vertexArray);
  gl.bindBuffer(gl.ARRAY_BUFFER, gl.createBuffer());
  gl.bufferData(gl.ARRAY_BUFFER, QUAD_CORNERS, gl.STATIC_DRAW);
  const corner = gl.getAttribLocation(program, 'a_corner');
  gl.enableVertexAttribArray(corner);
  gl.vertexAttribPointer(corner, 2, gl.FLOAT, false, 0, 0);
  gl.bindVertexArray(null);
  return vertexArray!;
}

/** A NEAREST, edge-clamped texture: crisp voxels when zoomed in (and R32F is not filterable anyway). */
function nearestTexture(gl: WebGL2RenderingContext): WebGLTexture {
  const texture = gl.createTexture();
  gl.bindTexture(gl.TEXTURE_2D, texture);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.NEAREST);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.NEAREST);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_S, gl.CLAMP_TO_EDGE);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_T, gl.CLAMP_TO_EDGE);
  return texture!;
}

function createResources(gl: WebGL2RenderingContext): GlResources {
  const program = linkProgram(gl, SLICE_FRAGMENT_SHADER);
  const vertexArray = quadVertexArray(gl, program);
  const texture = nearestTexture(gl);
  gl.pixelStorei(gl.UNPACK_ALIGNMENT, 1);

  const uniforms = {
    rect: gl.getUniformLocation(program, 'u_rect'),
    window: gl.getUniformLocation(program, 'u_window'),
    threshold: gl.getUniformLocation(program, 'u_threshold'),
    slice: gl.getUniformLocation(program, 'u_slice'),
  };
  const overlayProgram = linkProgram(gl, OVERLAY_FRAGMENT_SHADER);
  const overlay = {
    program: overlayProgram,
    vertexArray: quadVertexArray(gl, overlayProgram),
    texture: nearestTexture(gl),
    rect: gl.getUniformLocation(overlayProgram, 'u_rect'),
    image: gl.getUniformLocation(overlayProgram, 'u_overlay'),
  };
  return { program, vertexArray, texture, uniforms, textureWidth: 0, textureHeight: 0, overlay };
}

export class SliceGlRenderer {
  private resources: GlResources | undefined;
  /** The slice last given, re-uploaded after a context restore. */
  private slice: SliceImage | undefined;
  private uploaded = false;
  /** The overlay last given (undefined: none), and a count of changes for the skip test. */
  private overlay: OverlayImage | undefined;
  private overlayUploaded = false;
  private overlayVersion = 0;
  /** What the drawing buffer shows now; an identical draw is skipped (the buffer is preserved). */
  private shown: string | undefined;

  private constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly gl: WebGL2RenderingContext,
    onRestored: () => void,
  ) {
    this.resources = createResources(gl);
    canvas.addEventListener('webglcontextlost', this.onLost);
    this.onRestoredEvent = () => {
      this.resources = createResources(gl);
      this.uploaded = false;
      this.overlayUploaded = false;
      this.shown = undefined;
      onRestored();
    };
    canvas.addEventListener('webglcontextrestored', this.onRestoredEvent);
  }

  private readonly onRestoredEvent: () => void;

  private readonly onLost = (event: Event) => {
    // Without preventDefault the browser never restores the context.
    event.preventDefault();
    this.resources = undefined;
  };

  /** A renderer on `canvas`, or undefined where WebGL2 (or its shaders) are unavailable. */
  static create(canvas: HTMLCanvasElement, onRestored: () => void): SliceGlRenderer | undefined {
    // preserveDrawingBuffer lets tests (and screenshots) read the image after it is composited.
    const gl = canvas.getContext('webgl2', { alpha: false, antialias: false, depth: false, preserveDrawingBuffer: true });
    if (!gl) return undefined;
    try {
      return new SliceGlRenderer(canvas, gl, onRestored);
    } catch (err) {
      console.warn(`WebGL2 slice renderer unavailable: ${(err as Error).message}`);
      return undefined;
    }
  }

  /** Marks `slice` as the one to show; it is uploaded on the next draw. */
  setSlice(slice: SliceImage): void {
    this.slice = slice;
    this.uploaded = false;
  }

  /** Marks `overlay` (or none) to draw over the slice; uploaded on the next draw. */
  setOverlay(overlay: OverlayImage | undefined): void {
    if (overlay === undefined && this.overlay === undefined) return;
    this.overlay = overlay;
    this.overlayUploaded = false;
    this.overlayVersion++;
  }

  /** Draws the current slice (and overlay); false while the context is lost. */
  draw(t: ViewTransform, window: ContrastWindow, canvasWidth: number, canvasHeight: number): boolean {
    const { gl, canvas } = this;
    const res = this.resources;
    if (!res || gl.isContextLost()) return false;
    const slice = this.slice;
    const state = `${canvasWidth}x${canvasHeight} ${t.scale} ${t.offsetX} ${t.offsetY} ${window.low} ${window.high} ${window.invert} ${this.overlayVersion}`;
    if (this.uploaded && (this.overlayUploaded || !this.overlay) && state === this.shown) return true;
    this.shown = state;
    if (canvas.width !== canvasWidth || canvas.height !== canvasHeight) {
      canvas.width = canvasWidth;
      canvas.height = canvasHeight;
    }
    gl.viewport(0, 0, canvasWidth, canvasHeight);
    gl.clearColor(0, 0, 0, 1);
    gl.clear(gl.COLOR_BUFFER_BIT);
    if (!slice) return true;
    gl.activeTexture(gl.TEXTURE0);
    gl.bindTexture(gl.TEXTURE_2D, res.texture);
    if (!this.uploaded) {
      if (res.textureWidth !== slice.width || res.textureHeight !== slice.height) {
        gl.texImage2D(gl.TEXTURE_2D, 0, gl.R32F, slice.width, slice.height, 0, gl.RED, gl.FLOAT, slice.data);
        res.textureWidth = slice.width;
        res.textureHeight = slice.height;
      } else {
        gl.texSubImage2D(gl.TEXTURE_2D, 0, 0, 0, slice.width, slice.height, gl.RED, gl.FLOAT, slice.data);
      }
      this.uploaded = true;
    }
    const u = windowUniforms(window);
    gl.useProgram(res.program);
    gl.uniform1i(res.uniforms.slice, 0);
    gl.uniform4f(res.uniforms.rect, ...imageClipRect(t, slice.width, slice.height, canvasWidth, canvasHeight));
    gl.uniform4f(res.uniforms.window, u.low, u.scale, u.sign, u.offset);
    gl.uniform1i(res.uniforms.threshold, u.threshold ? 1 : 0);
    gl.bindVertexArray(res.vertexArray);
    gl.drawArrays(gl.TRIANGLE_STRIP, 0, 4);
    gl.bindVertexArray(null);
    if (this.overlay) this.drawOverlay(res, this.overlay, t, canvasWidth, canvasHeight);
    return true;
  }

  private drawOverlay(res: GlResources, overlay: OverlayImage, t: ViewTransform, canvasWidth: number, canvasHeight: number): void {
    const { gl } = this;
    const o = res.overlay;
    gl.activeTexture(gl.TEXTURE1);
    gl.bindTexture(gl.TEXTURE_2D, o.texture);
    if (!this.overlayUploaded) {
      // One texImage2D per change: the overlay changes with the section, far less often than frames.
      gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA8, overlay.width, overlay.height, 0, gl.RGBA, gl.UNSIGNED_BYTE, overlay.data);
      this.overlayUploaded = true;
    }
    gl.useProgram(o.program);
    gl.uniform1i(o.image, 1);
    gl.uniform4f(o.rect, ...imageClipRect(t, overlay.width, overlay.height, canvasWidth, canvasHeight));
    gl.enable(gl.BLEND);
    // Colour: source-over on the opaque slice; the canvas (alpha: false) keeps alpha 1.
    gl.blendFuncSeparate(gl.SRC_ALPHA, gl.ONE_MINUS_SRC_ALPHA, gl.ZERO, gl.ONE);
    gl.bindVertexArray(o.vertexArray);
    gl.drawArrays(gl.TRIANGLE_STRIP, 0, 4);
    gl.bindVertexArray(null);
    gl.disable(gl.BLEND);
    gl.activeTexture(gl.TEXTURE0);
  }

  dispose(): void {
    this.canvas.removeEventListener('webglcontextlost', this.onLost);
    this.canvas.removeEventListener('webglcontextrestored', this.onRestoredEvent);
    const res = this.resources;
    if (res && !this.gl.isContextLost()) {
      this.gl.deleteTexture(res.texture);
      this.gl.deleteVertexArray(res.vertexArray);
      this.gl.deleteProgram(res.program);
      this.gl.deleteTexture(res.overlay.texture);
      this.gl.deleteVertexArray(res.overlay.vertexArray);
      this.gl.deleteProgram(res.overlay.program);
    }
    this.resources = undefined;
  }
}

/** The image layer under a slice view's overlays: the GPU renderer where it works, else the CPU painter. */
export interface SliceImageLayer {
  readonly renderer: 'webgl2' | 'canvas2d';
  /** Draws the slice of `key` and, when given, the probability overlay of `overlay`; false when nothing could be drawn (context lost). */
  draw(key: SliceKey, window: ContrastWindow, t: ViewTransform, canvasWidth: number, canvasHeight: number, overlay?: OverlayKey): boolean;
  dispose(): void;
}

export function createSliceImageLayer(canvas: HTMLCanvasElement, onRestored: () => void): SliceImageLayer {
  const gl = SliceGlRenderer.create(canvas, onRestored);
  if (gl) {
    const source = new SliceSource();
    const overlays = new ProbabilityOverlaySource();
    let shownOverlay: OverlayImage | undefined;
    let shownVersion = -1;
    return {
      renderer: 'webgl2',
      draw(key, window, t, w, h, overlay) {
        const { slice, changed } = source.get(key);
        if (changed) gl.setSlice(slice);
        // Hand the renderer an overlay only when it differs from the one it holds (a re-upload each time would be wasted).
        const image = overlay ? overlays.get(overlay).image : undefined;
        if (image !== shownOverlay || (image && overlays.version !== shownVersion)) {
          gl.setOverlay(image);
          shownOverlay = image;
          shownVersion = overlays.version;
        }
        return gl.draw(t, window, w, h);
      },
      dispose: () => gl.dispose(),
    };
  }
  const context = canvas.getContext('2d');
  if (!context) throw new Error('This browser can draw neither WebGL2 nor 2D canvases');
  const painter = new SlicePainter();
  const overlayPainter = new OverlayPainter();
  return {
    renderer: 'canvas2d',
    draw(key, window, t, w, h, overlay) {
      painter.update(key, window);
      if (canvas.width !== w || canvas.height !== h) {
        canvas.width = w;
        canvas.height = h;
      }
      context.fillStyle = '#000';
      context.fillRect(0, 0, w, h);
      painter.draw(context, t);
      if (overlay) {
        overlayPainter.update(overlay);
        overlayPainter.draw(context, t);
      }
      return true;
    },
    dispose: () => undefined,
  };
}
