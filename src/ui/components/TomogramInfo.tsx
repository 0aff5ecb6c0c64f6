import type { TomogramEntry } from '../../state/project-store.ts';

const fmt = (n: number) => (Math.abs(n) >= 1e4 || (Math.abs(n) < 1e-3 && Math.abs(n) > 1e-9) ? n.toExponential(3) : n.toFixed(3));

export function TomogramInfo({ tomogram }: { tomogram: TomogramEntry }) {
  const { volume } = tomogram;
  const [vx, vy, vz] = volume.voxelSize;
  const s = volume.stats;
  return (
    <dl className="tomogram-info" data-testid="tomogram-info">
      <dt>name</dt>
      <dd>{tomogram.name}</dd>
      <dt>size</dt>
      <dd data-testid="tomogram-size">
        {volume.nx} × {volume.ny} × {volume.nz}
      </dd>
      <dt>voxel</dt>
      <dd>{vx === vy && vy === vz ? `${vx.toFixed(2)} Å` : `${vx.toFixed(2)} × ${vy.toFixed(2)} × ${vz.toFixed(2)} Å`}</dd>
      <dt>type</dt>
      <dd>
        {volume.dtype} ({tomogram.format})
      </dd>
      <dt>range</dt>
      <dd>
        {fmt(s.min)} … {fmt(s.max)}
      </dd>
      <dt>mean ± sd</dt>
      <dd>
        {fmt(s.mean)} ± {fmt(s.rms)}
      </dd>
    </dl>
  );
}
