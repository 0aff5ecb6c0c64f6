import { useStore } from 'zustand';
import { picksStore } from '../../state/picks-store.ts';
import { useProjectStore } from '../../state/project-store.ts';
import { useViewStore } from '../../state/view-store.ts';
import type { Volume } from '../../core/volume/volume.ts';

/** Details of the selected pick: position in voxels and Å, class, score, source, status. */
export function SelectedPick({ volume }: { volume: Volume }) {
  const selectedId = useViewStore((s) => s.selectedPickId);
  const pick = useStore(picksStore, (s) => (selectedId ? s.picks.get(selectedId) : undefined));
  const classes = useProjectStore((s) => s.classes);
  if (!pick) return null;
  const [vx, vy, vz] = volume.voxelSize;
  return (
    <dl className="selected-pick" data-testid="selected-pick">
      <dt>pick</dt>
      <dd>
        {pick.x.toFixed(1)}, {pick.y.toFixed(1)}, {pick.z.toFixed(1)} vox
      </dd>
      <dt>Å</dt>
      <dd>
        {(pick.x * vx).toFixed(0)}, {(pick.y * vy).toFixed(0)}, {(pick.z * vz).toFixed(0)}
      </dd>
      <dt>class</dt>
      <dd>{classes.find((c) => c.id === pick.classId)?.name ?? pick.classId}</dd>
      <dt>score</dt>
      <dd>{pick.score?.toFixed(3) ?? '–'}</dd>
      <dt>source</dt>
      <dd>
        {pick.source}, {pick.status}
      </dd>
    </dl>
  );
}
