/**
 * Isosurface meshes from the mesh worker, drawn in voxel coordinates. The worker's buffers become
 * the geometry's attributes as they are (no copy); each replacement disposes the previous GPU
 * buffers, so dragging the threshold slider does not leak.
 */
import { BufferAttribute, BufferGeometry, DoubleSide, Group, Mesh, MeshPhongMaterial } from 'three';
import type { IsosurfaceMesh } from '../../core/mesh/mesh-builder.ts';

export interface SurfacePart {
  mesh: IsosurfaceMesh;
  /** CSS colour. */
  color: string;
}

export class IsosurfaceLayer {
  readonly object = new Group();
  private meshes: Mesh<BufferGeometry, MeshPhongMaterial>[] = [];

  /** Replaces what is shown. */
  set(parts: readonly SurfacePart[]): void {
    this.clear();
    for (const { mesh, color } of parts) {
      if (mesh.indices.length === 0) continue;
      const geometry = new BufferGeometry();
      geometry.setAttribute('position', new BufferAttribute(mesh.positions, 3));
      geometry.setAttribute('normal', new BufferAttribute(mesh.normals, 3));
      geometry.setIndex(new BufferAttribute(mesh.indices, 1));
      geometry.computeBoundingSphere();
      // Double-sided: surfaces are open where they leave the volume, and the inside then shows.
      const material = new MeshPhongMaterial({ color, side: DoubleSide, shininess: 20 });
      const object = new Mesh(geometry, material);
      this.meshes.push(object);
      this.object.add(object);
    }
  }

  get triangleCount(): number {
    return this.meshes.reduce((n, m) => n + (m.geometry.index?.count ?? 0) / 3, 0);
  }

  clear(): void {
    for (const m of this.meshes) {
      this.object.remove(m);
      m.geometry.dispose();
      m.material.dispose();
    }
    this.meshes = [];
  }

  dispose(): void {
    this.clear();
  }
}
