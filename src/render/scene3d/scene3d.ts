/**
 * The 3D view's scene: renderer, camera, orbit controls and lights, plus the layers (isosurfaces,
 * pick spheres, slice planes, the volume's box), all inside one group in voxel coordinates (see
 * volume-frame.ts). Frames are drawn on demand (a control moved, a layer changed), or every
 * animation frame while the turntable spins; dispose() frees every GPU resource.
 */
import {
  AmbientLight,
  Box3,
  Box3Helper,
  Color,
  DirectionalLight,
  Group,
  PerspectiveCamera,
  Raycaster,
  Scene,
  Vector2,
  Vector3,
  WebGLRenderer,
} from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import { IsosurfaceLayer } from './isosurface-layer.ts';
import { FixMarkers } from './fix-markers.ts';
import { PickSpheres } from './pick-spheres.ts';
import { SlicePlanes } from './slice-planes.ts';
import { fitDistance, volumeFrame, type Triple } from './volume-frame.ts';

const BACKGROUND = new Color(0x101318);
const FOV_DEGREES = 40;
/** Initial viewing direction: down +z as the XY view shows it (x right, y down), tilted to show depth. */
const VIEW_DIRECTION = new Vector3(0.35, 0.45, -1).normalize();
/** Frame intervals kept for the frame-time figure. */
const FRAME_HISTORY = 120;

export interface Scene3DStats {
  shownInstances: number;
  rejectedInstances: number;
  /** Pending label fixes drawn. */
  fixInstances: number;
  surfaceTriangles: number;
  predictionTriangles: number;
  /** Of the last frame drawn (renderer.info). */
  trianglesDrawn: number;
  drawCalls: number;
  /** Frames drawn for display (litFraction's extra draws not counted). */
  frames: number;
  /** Median interval between frames while spinning (ms); undefined before two such frames. */
  frameTimeMs: number | undefined;
  /** Median CPU time of renderer.render() (ms), the GPU work excluded. */
  renderCallMs: number | undefined;
}

function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** The most recently created live scene (test hooks read its stats). */
export function currentScene3D(): Scene3D | undefined {
  return Scene3D.latest;
}

export class Scene3D {
  static latest: Scene3D | undefined;
  readonly surfaces = new IsosurfaceLayer();
  /** Isosurfaces of the last prediction's class probability maps, one per class. */
  readonly predictions = new IsosurfaceLayer();
  readonly picks = new PickSpheres();
  /** The correction review's pending label fixes. */
  readonly fixes = new FixMarkers();
  readonly planes = new SlicePlanes();
  private readonly renderer: WebGLRenderer;
  private readonly scene = new Scene();
  private readonly camera = new PerspectiveCamera(FOV_DEGREES, 1, 0.1, 1000);
  private readonly controls: OrbitControls;
  /** Voxel coordinates → world. */
  private readonly root = new Group();
  private box: Box3Helper | undefined;
  private radius = 1;
  private volumeKey = '';
  private readonly resizeObserver: ResizeObserver;
  private frameHandle = 0;
  private spinning = false;
  private lastSpinFrameAt: number | undefined;
  private readonly intervals: number[] = [];
  private readonly renderTimes: number[] = [];
  private frames = 0;

  /** `testHooks: false` for a secondary scene (the class-average view) that the test hooks must not follow. */
  constructor(
    private readonly canvas: HTMLCanvasElement,
    options: { testHooks?: boolean } = {},
  ) {
    this.renderer = new WebGLRenderer({ canvas, antialias: true, powerPreference: 'high-performance' });
    this.renderer.setPixelRatio(window.devicePixelRatio || 1);
    this.renderer.setClearColor(BACKGROUND);
    this.camera.up.set(0, -1, 0);
    const headlight = new DirectionalLight(0xffffff, 2.2);
    headlight.position.set(0.3, -0.4, 1);
    this.camera.add(headlight);
    this.scene.add(this.camera, new AmbientLight(0xffffff, 0.9), this.root);
    this.root.add(this.surfaces.object, this.predictions.object, this.picks.object, this.fixes.object, this.planes.object);
    this.controls = new OrbitControls(this.camera, canvas);
    this.controls.autoRotateSpeed = 4;
    this.controls.addEventListener('change', () => this.requestRender());
    this.resizeObserver = new ResizeObserver(() => this.fitCanvas());
    if (canvas.parentElement) this.resizeObserver.observe(canvas.parentElement);
    this.fitCanvas();
    if (options.testHooks !== false) Scene3D.latest = this;
  }

  /** Places the volume's box at the origin; the camera is refitted only when the volume changes. */
  setVolume(dims: Triple, voxelSize: Triple): void {
    const key = `${dims.join('x')}@${voxelSize.join(',')}`;
    if (key === this.volumeKey) return;
    this.volumeKey = key;
    const frame = volumeFrame(dims, voxelSize);
    this.root.scale.set(...frame.scale);
    this.root.position.set(...frame.offset);
    this.radius = frame.radius;
    if (this.box) {
      this.root.remove(this.box);
      this.box.dispose();
    }
    const half = new Vector3(0.5, 0.5, 0.5);
    this.box = new Box3Helper(new Box3(half.clone().negate(), new Vector3(...dims).sub(half)), 0x59606e);
    this.root.add(this.box);
    this.resetView();
  }

  resetView(): void {
    const distance = fitDistance(this.radius, FOV_DEGREES, this.camera.aspect);
    this.controls.target.set(0, 0, 0);
    this.camera.position.copy(VIEW_DIRECTION).multiplyScalar(-distance);
    this.camera.near = distance / 100;
    this.camera.far = distance * 10;
    this.camera.updateProjectionMatrix();
    this.controls.update();
    this.requestRender();
  }

  requestRender(): void {
    if (!this.frameHandle) this.frameHandle = requestAnimationFrame(this.drawFrame);
  }

  /** Turntable rotation: renders every animation frame, which also gives the frame-time figure. */
  setSpin(on: boolean): void {
    this.spinning = on;
    this.controls.autoRotate = on;
    this.lastSpinFrameAt = undefined;
    this.requestRender();
  }

  /** The pick id under a pointer position (client pixels), if any. */
  pickAt(clientX: number, clientY: number): string | undefined {
    return this.picks.hit(this.rayAt(clientX, clientY));
  }

  /** The label fix id under a pointer position (client pixels), if any. */
  fixAt(clientX: number, clientY: number): string | undefined {
    return this.fixes.hit(this.rayAt(clientX, clientY));
  }

  private rayAt(clientX: number, clientY: number): Raycaster {
    const rect = this.canvas.getBoundingClientRect();
    const ndc = new Vector2(((clientX - rect.left) / rect.width) * 2 - 1, -((clientY - rect.top) / rect.height) * 2 + 1);
    const raycaster = new Raycaster();
    this.scene.updateMatrixWorld();
    raycaster.setFromCamera(ndc, this.camera);
    return raycaster;
  }

  stats(): Scene3DStats {
    const { shown, rejected } = this.picks.counts;
    const { triangles, calls } = this.renderer.info.render;
    return {
      shownInstances: shown,
      rejectedInstances: rejected,
      fixInstances: this.fixes.count,
      surfaceTriangles: this.surfaces.triangleCount,
      predictionTriangles: this.predictions.triangleCount,
      trianglesDrawn: triangles,
      drawCalls: calls,
      frames: this.frames,
      frameTimeMs: median(this.intervals),
      renderCallMs: median(this.renderTimes),
    };
  }

  /** Draws a frame now and returns the fraction of pixels that differ from the background. */
  litFraction(): number {
    this.render();
    const gl = this.renderer.getContext();
    const w = gl.drawingBufferWidth;
    const h = gl.drawingBufferHeight;
    const pixels = new Uint8Array(4 * w * h);
    gl.readPixels(0, 0, w, h, gl.RGBA, gl.UNSIGNED_BYTE, pixels);
    const background = BACKGROUND.clone().convertLinearToSRGB();
    const [r, g, b] = [background.r, background.g, background.b].map((c) => Math.round(c * 255)) as [number, number, number];
    let lit = 0;
    for (let i = 0; i < pixels.length; i += 4) {
      if (Math.abs(pixels[i]! - r) + Math.abs(pixels[i + 1]! - g) + Math.abs(pixels[i + 2]! - b) > 6) lit++;
    }
    return lit / (w * h);
  }

  private readonly drawFrame = (now: number): void => {
    this.frameHandle = 0;
    if (this.spinning) {
      this.controls.update(); // turns the camera; its 'change' event schedules the next frame
      if (this.lastSpinFrameAt !== undefined) {
        this.intervals.push(now - this.lastSpinFrameAt);
        if (this.intervals.length > FRAME_HISTORY) this.intervals.shift();
      }
      this.lastSpinFrameAt = now;
      this.requestRender();
    }
    const start = performance.now();
    this.render();
    this.renderTimes.push(performance.now() - start);
    if (this.renderTimes.length > FRAME_HISTORY) this.renderTimes.shift();
    this.frames++;
  };

  private render(): void {
    this.renderer.render(this.scene, this.camera);
  }

  private fitCanvas(): void {
    const frame = this.canvas.parentElement;
    const width = Math.max(1, frame?.clientWidth ?? this.canvas.clientWidth);
    const height = Math.max(1, frame?.clientHeight ?? this.canvas.clientHeight);
    this.renderer.setSize(width, height, false);
    this.camera.aspect = width / height;
    this.camera.updateProjectionMatrix();
    this.requestRender();
  }

  dispose(): void {
    if (this.frameHandle) cancelAnimationFrame(this.frameHandle);
    this.frameHandle = 0;
    this.spinning = false;
    this.resizeObserver.disconnect();
    this.controls.dispose();
    this.surfaces.dispose();
    this.predictions.dispose();
    this.picks.dispose();
    this.fixes.dispose();
    this.planes.dispose();
    this.box?.dispose();
    this.renderer.dispose();
    if (Scene3D.latest === this) Scene3D.latest = undefined;
  }
}
