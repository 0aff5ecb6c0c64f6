/**
 * The correction review's pending fixes in 3D: wireframe spheres (see fix-instances.ts for the
 * look), a fainter batch for fixes below the bulk-accept threshold, and a white shell round the fix
 * in focus. Two draw calls whatever the number of fixes.
 */
import { Group, IcosahedronGeometry, MeshBasicMaterial, type Raycaster } from 'three';
import type { LabelFix } from '../../core/picks/correction-decisions.ts';
import type { ClassDef } from '../../core/picks/pick.ts';
import { fixInstances } from './fix-instances.ts';
import { InstancedBatch } from './instanced-batch.ts';
import { ShellMarker } from './shell-marker.ts';
import type { Triple } from './volume-frame.ts';

const DOUBTFUL_OPACITY = 0.3;

export class FixMarkers {
  readonly object = new Group();
  private readonly geometry = new IcosahedronGeometry(1, 1);
  private readonly confidentMaterial = new MeshBasicMaterial({ color: 0xffffff, wireframe: true });
  private readonly doubtfulMaterial = new MeshBasicMaterial({ color: 0xffffff, wireframe: true, transparent: true, opacity: DOUBTFUL_OPACITY, depthWrite: false });
  private readonly confident = new InstancedBatch(this.object, this.geometry, this.confidentMaterial);
  private readonly doubtful = new InstancedBatch(this.object, this.geometry, this.doubtfulMaterial);
  private readonly focus = new ShellMarker(1.15);

  constructor() {
    this.object.add(this.focus.mesh);
  }

  /** `fixes`: the pending fixes, placed (core/picks/fix-marks.ts placedPendingFixes). */
  update(fixes: readonly LabelFix[], classes: readonly ClassDef[], voxelSize: Triple, threshold: number): void {
    const { confident, doubtful } = fixInstances(fixes, classes, voxelSize, threshold);
    this.confident.update(confident, this.geometry);
    this.doubtful.update(doubtful, this.geometry);
    this.focus.setInstances([confident, doubtful]);
  }

  setFocused(id: string | undefined): void {
    this.focus.show(id);
  }

  /** The id of the fix under the ray (confident ones first). */
  hit(raycaster: Raycaster): string | undefined {
    return this.confident.hit(raycaster) ?? this.doubtful.hit(raycaster);
  }

  get count(): number {
    return this.confident.mesh.count + this.doubtful.mesh.count;
  }

  dispose(): void {
    this.confident.dispose();
    this.doubtful.dispose();
    this.geometry.dispose();
    this.focus.dispose();
    for (const m of [this.confidentMaterial, this.doubtfulMaterial]) m.dispose();
  }
}
