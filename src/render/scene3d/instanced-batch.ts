/**
 * One InstancedMesh of spheres that grows (doubling) when its item count outgrows it, written
 * straight from an InstanceBatch; raycast hits map back to item ids. Used for the pick spheres and
 * the pending label fixes.
 */
import { InstancedBufferAttribute, InstancedMesh, type Group, type IcosahedronGeometry, type Material, type Raycaster } from 'three';
import type { InstanceBatch } from './pick-instances.ts';

export class InstancedBatch<M extends Material> {
  mesh: InstancedMesh<IcosahedronGeometry, M>;
  ids: string[] = [];

  constructor(
    private readonly parent: Group,
    private geometry: IcosahedronGeometry,
    private readonly material: M,
  ) {
    this.mesh = this.create(64);
  }

  private create(capacity: number): InstancedMesh<IcosahedronGeometry, M> {
    const mesh = new InstancedMesh(this.geometry, this.material, capacity);
    mesh.instanceColor = new InstancedBufferAttribute(new Float32Array(3 * capacity), 3);
    mesh.count = 0;
    this.parent.add(mesh);
    return mesh;
  }

  update(batch: InstanceBatch, geometry: IcosahedronGeometry): void {
    const n = batch.ids.length;
    if (n > this.mesh.instanceMatrix.count) {
      this.parent.remove(this.mesh);
      this.mesh.dispose();
      let capacity = this.mesh.instanceMatrix.count;
      while (capacity < n) capacity *= 2;
      this.mesh = this.create(capacity);
    }
    if (geometry !== this.geometry) this.mesh.geometry = this.geometry = geometry;
    const { mesh } = this;
    mesh.instanceMatrix.array.set(batch.matrices);
    mesh.instanceColor!.array.set(batch.colors);
    for (const attribute of [mesh.instanceMatrix, mesh.instanceColor!]) {
      attribute.clearUpdateRanges();
      attribute.addUpdateRange(0, batch.ids.length * attribute.itemSize);
      attribute.needsUpdate = true;
    }
    mesh.count = n;
    mesh.visible = n > 0;
    // Frustum culling and raycasting test against the instances' bounds: recompute them.
    if (n > 0) mesh.computeBoundingSphere();
    this.ids = batch.ids;
  }

  hit(raycaster: Raycaster): string | undefined {
    if (this.mesh.count === 0) return undefined;
    const [first] = raycaster.intersectObject(this.mesh, false);
    return first?.instanceId === undefined ? undefined : this.ids[first.instanceId];
  }

  dispose(): void {
    this.parent.remove(this.mesh);
    this.mesh.dispose();
  }
}
