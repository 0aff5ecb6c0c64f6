/**
 * The three current slices shown in place: each a quad through the current position, textured
 * with the same contrast-windowed section the 2D view shows (extractSlice + applyWindow), and
 * outlined in its axis colour (x red, y green, z blue: the colour of the plane's normal).
 * A plane re-extracts its texture only when its own index, the slab or the contrast changes.
 */
import {
  DataTexture,
  DoubleSide,
  EdgesGeometry,
  Group,
  LineBasicMaterial,
  LineSegments,
  LinearFilter,
  Mesh,
  MeshBasicMaterial,
  PlaneGeometry,
  RGBAFormat,
  SRGBColorSpace,
  Vector3,
} from 'three';
import { extractSlice, sliceShape, type SliceAxis } from '../../core/volume/slice.ts';
import type { Volume } from '../../core/volume/volume.ts';
import { applyWindow } from '../../core/volume/window.ts';

export type SlicePlaneMode = 'textured' | 'outline' | 'hidden';

export interface SliceDisplay {
  position: { x: number; y: number; z: number };
  contrast: { low: number; high: number; invert: boolean } | undefined;
  thickness: number;
}

const X = new Vector3(1, 0, 0);
const Y = new Vector3(0, 1, 0);
const Z = new Vector3(0, 0, 1);

/** The quad's own (u, v, normal) axes in voxel space, right-handed, matching extractSlice's columns and rows. */
const BASIS: Record<SliceAxis, [Vector3, Vector3, Vector3]> = {
  xy: [X, Y, Z],
  xz: [X, Z, Y.clone().negate()],
  yz: [Y, Z, X],
};
const DEPTH_KEY = { xy: 'z', xz: 'y', yz: 'x' } as const;
const OUTLINE_COLOR: Record<SliceAxis, number> = { xy: 0x4f7dff, xz: 0x3fbf5f, yz: 0xe0524f };

class SlicePlane {
  readonly object = new Group();
  private readonly quad: Mesh<PlaneGeometry, MeshBasicMaterial>;
  private readonly outline: LineSegments<EdgesGeometry, LineBasicMaterial>;
  private texture: DataTexture | undefined;
  private sliceBuffer: Float32Array | undefined;
  private textureKey = '';
  private textureVolume: Volume | undefined;

  constructor(private readonly axis: SliceAxis) {
    this.quad = new Mesh(new PlaneGeometry(1, 1), new MeshBasicMaterial({ side: DoubleSide }));
    this.outline = new LineSegments(new EdgesGeometry(this.quad.geometry), new LineBasicMaterial({ color: OUTLINE_COLOR[axis] }));
    this.object.add(this.quad, this.outline);
    this.object.matrixAutoUpdate = false;
  }

  update(volume: Volume, display: SliceDisplay, mode: SlicePlaneMode): void {
    const { width, height, depth } = sliceShape(volume, this.axis);
    const index = Math.min(depth - 1, Math.max(0, Math.round(display.position[DEPTH_KEY[this.axis]])));
    this.object.visible = mode !== 'hidden';
    this.quad.visible = mode === 'textured' && display.contrast !== undefined;
    // Unit quad → width × height voxels, centred on the section, lying at depth `index`.
    const [u, v, n] = BASIS[this.axis];
    const centre = { x: (volume.nx - 1) / 2, y: (volume.ny - 1) / 2, z: (volume.nz - 1) / 2, [DEPTH_KEY[this.axis]]: index };
    this.object.matrix.makeBasis(u, v, n).scale(new Vector3(width, height, 1)).setPosition(centre.x, centre.y, centre.z);
    this.object.matrixWorldNeedsUpdate = true;
    if (this.quad.visible && display.contrast) this.updateTexture(volume, index, width, height, display.thickness, display.contrast);
  }

  private updateTexture(volume: Volume, index: number, width: number, height: number, thickness: number, contrast: NonNullable<SliceDisplay['contrast']>): void {
    const key = `${index}|${thickness}|${contrast.low}|${contrast.high}|${contrast.invert}`;
    if (this.texture && volume === this.textureVolume && key === this.textureKey) return;
    if (!this.texture || this.texture.image.width !== width || this.texture.image.height !== height) {
      this.texture?.dispose();
      this.texture = new DataTexture(new Uint8Array(4 * width * height), width, height, RGBAFormat);
      this.texture.colorSpace = SRGBColorSpace;
      this.texture.magFilter = LinearFilter;
      this.texture.minFilter = LinearFilter;
      this.quad.material.map = this.texture;
      this.quad.material.needsUpdate = true;
      this.sliceBuffer = undefined;
    }
    const slice = extractSlice(volume, this.axis, index, thickness, this.sliceBuffer);
    this.sliceBuffer = slice.data;
    const rgba = this.texture.image.data as Uint8Array;
    applyWindow(slice.data, contrast.low, contrast.high, contrast.invert, new Uint8ClampedArray(rgba.buffer, rgba.byteOffset, rgba.length));
    this.texture.needsUpdate = true;
    this.textureKey = key;
    this.textureVolume = volume;
  }

  dispose(): void {
    this.texture?.dispose();
    this.quad.geometry.dispose();
    this.quad.material.dispose();
    this.outline.geometry.dispose();
    this.outline.material.dispose();
  }
}

export class SlicePlanes {
  readonly object = new Group();
  private readonly planes = (['xy', 'xz', 'yz'] as const).map((axis) => new SlicePlane(axis));

  constructor() {
    for (const plane of this.planes) this.object.add(plane.object);
  }

  update(volume: Volume, display: SliceDisplay, mode: SlicePlaneMode): void {
    for (const plane of this.planes) plane.update(volume, display, mode);
  }

  dispose(): void {
    for (const plane of this.planes) plane.dispose();
  }
}
