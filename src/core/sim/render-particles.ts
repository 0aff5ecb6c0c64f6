/**
 * Rasterises rotated particles into the density volume and the label map from the same shape
 * model, so every labelled voxel is a voxel where the particle's density reaches its surface.
 */
import type { PlacedParticle } from './placement.ts';
import type { ShapeModel } from './shape-model.ts';

export function renderParticles(
  particles: readonly PlacedParticle[],
  models: readonly ShapeModel[],
  density: Float32Array,
  labels: Uint8Array,
  shape: readonly [number, number, number],
  onParticle?: (index: number) => void,
): void {
  const [nx, ny, nz] = shape;
  particles.forEach((p, index) => {
    const model = models[p.speciesIndex]!;
    const classId = p.speciesIndex + 1;
    const [r00, r01, r02, r10, r11, r12, r20, r21, r22] = p.rotation as [number, number, number, number, number, number, number, number, number];
    // +1: the soft density edge reaches half a voxel past the label surface.
    const reach = model.radius + 1;
    for (let z = Math.max(0, Math.floor(p.z - reach)); z <= Math.min(nz - 1, Math.ceil(p.z + reach)); z++) {
      const dz = z - p.z;
      for (let y = Math.max(0, Math.floor(p.y - reach)); y <= Math.min(ny - 1, Math.ceil(p.y + reach)); y++) {
        const dy = y - p.y;
        for (let x = Math.max(0, Math.floor(p.x - reach)); x <= Math.min(nx - 1, Math.ceil(p.x + reach)); x++) {
          const dx = x - p.x;
          if (dx * dx + dy * dy + dz * dz > reach * reach) continue;
          // Tomogram → particle frame is the transpose of the rotation.
          const value = model.densityAt(
            r00 * dx + r10 * dy + r20 * dz,
            r01 * dx + r11 * dy + r21 * dz,
            r02 * dx + r12 * dy + r22 * dz,
          );
          if (value <= 0) continue;
          const i = x + nx * (y + ny * z);
          if (value > density[i]!) density[i] = value;
          if (value >= model.labelThreshold) labels[i] = classId;
        }
      }
    }
    onParticle?.(index);
  });
}
