/**
 * Picks as spheres: one InstancedMesh for shown picks and one, faint, for rejected ones, so 20,000
 * picks cost two draw calls. Instances are written straight into the GPU buffers from
 * pickInstances(); the meshes grow (doubling) only when the pick count outgrows them. The
 * selected pick gets a wireframe shell.
 */
import { IcosahedronGeometry, Group, MeshPhongMaterial, type Raycaster } from 'three';
import type { ClassDef, Pick } from '../../core/picks/pick.ts';
import { InstancedBatch } from './instanced-batch.ts';
import { pickInstances } from './pick-instances.ts';
import { ShellMarker } from './shell-marker.ts';
import type { Triple } from './volume-frame.ts';

/** Above this many picks the spheres use 80 triangles instead of 320. */
export const COARSE_SPHERES_ABOVE = 2000;
const REJECTED_OPACITY = 0.2;
/** The selection shell sits just outside its sphere. */
const SELECTION_SCALE = 1.25;

export class PickSpheres {
  readonly object = new Group();
  private readonly fine = new IcosahedronGeometry(1, 2);
  private readonly coarse = new IcosahedronGeometry(1, 1);
  private readonly shownMaterial = new MeshPhongMaterial({ color: 0xffffff, shininess: 40 });
  private readonly rejectedMaterial = new MeshPhongMaterial({ color: 0xffffff, transparent: true, opacity: REJECTED_OPACITY, depthWrite: false });
  private readonly shown = new InstancedBatch(this.object, this.fine, this.shownMaterial);
  private readonly rejected = new InstancedBatch(this.object, this.fine, this.rejectedMaterial);
  private readonly marker = new ShellMarker(SELECTION_SCALE);

  constructor() {
    this.object.add(this.marker.mesh);
  }

  update(picks: readonly Pick[], classes: readonly ClassDef[], voxelSize: Triple): void {
    const { shown, rejected } = pickInstances(picks, classes, voxelSize);
    const geometry = picks.length > COARSE_SPHERES_ABOVE ? this.coarse : this.fine;
    this.shown.update(shown, geometry);
    this.rejected.update(rejected, geometry);
    this.marker.setInstances([shown, rejected]);
  }

  setSelected(id: string | undefined): void {
    this.marker.show(id);
  }

  /** The id of the nearest sphere under the ray; opaque (not rejected) spheres win. */
  hit(raycaster: Raycaster): string | undefined {
    return this.shown.hit(raycaster) ?? this.rejected.hit(raycaster);
  }

  get counts(): { shown: number; rejected: number } {
    return { shown: this.shown.mesh.count, rejected: this.rejected.mesh.count };
  }

  dispose(): void {
    this.shown.dispose();
    this.rejected.dispose();
    this.marker.dispose();
    for (const g of [this.fine, this.coarse]) g.dispose();
    for (const m of [this.shownMaterial, this.rejectedMaterial]) m.dispose();
  }
}
