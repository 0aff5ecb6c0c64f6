/**
 * A wireframe shell round one instance of a set of InstanceBatches (the selected pick, the focused
 * label fix): it keeps each id's instance matrix so moving the shell needs no search.
 */
import { IcosahedronGeometry, Mesh, MeshBasicMaterial, Vector3 } from 'three';
import type { InstanceBatch } from './pick-instances.ts';

export class ShellMarker {
  readonly mesh = new Mesh(new IcosahedronGeometry(1, 2), new MeshBasicMaterial({ color: 0xffffff, wireframe: true }));
  private readonly scale: Vector3;
  private matrices = new Map<string, Float32Array>();
  private shownId: string | undefined;

  /** `scale`: the shell's size relative to the instance it surrounds. */
  constructor(scale: number) {
    this.scale = new Vector3(scale, scale, scale);
    this.mesh.matrixAutoUpdate = false;
    this.mesh.visible = false;
  }

  /** The instances the shell may surround (views on the batches' arrays, not copies). */
  setInstances(batches: readonly InstanceBatch[]): void {
    this.matrices = new Map();
    for (const batch of batches) batch.ids.forEach((id, i) => this.matrices.set(id, batch.matrices.subarray(16 * i, 16 * i + 16)));
    this.place();
  }

  show(id: string | undefined): void {
    this.shownId = id;
    this.place();
  }

  private place(): void {
    const m = this.shownId === undefined ? undefined : this.matrices.get(this.shownId);
    this.mesh.visible = m !== undefined;
    if (!m) return;
    this.mesh.matrix.fromArray(m).scale(this.scale);
    this.mesh.matrixWorldNeedsUpdate = true;
  }

  dispose(): void {
    this.mesh.geometry.dispose();
    this.mesh.material.dispose();
  }
}
