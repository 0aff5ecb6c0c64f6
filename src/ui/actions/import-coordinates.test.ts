import { beforeEach, describe, expect, it, vi } from 'vitest';
import { readCoordinates, type CoordinateContext } from '../../core/io/coords/registry.ts';
import { computeStats, type Volume } from '../../core/volume/volume.ts';
import { useJobsStore } from '../../state/jobs-store.ts';
import { picksStore } from '../../state/picks-store.ts';
import { useProjectStore } from '../../state/project-store.ts';
import { importCoordinateFiles } from './import-coordinates.ts';

// The worker is replaced by the same core reader run inline (Node has no module workers here).
vi.mock('../../../workers/io.client.ts', () => ({
  readCoordinatesFile: async (file: Blob, name: string, ctx: CoordinateContext) =>
    readCoordinates(name, new Uint8Array(await file.arrayBuffer()), ctx),
}));

const NX = 40;
const NY = 30;
const NZ = 20;
const VOXEL = 10;

function relion5(rows: string[]): File {
  const text = [
    'data_particles',
    'loop_',
    '_rlnTomoName',
    '_rlnCenteredCoordinateXAngst',
    '_rlnCenteredCoordinateYAngst',
    '_rlnCenteredCoordinateZAngst',
    '_rlnClassNumber',
    ...rows,
    '',
  ].join('\n');
  return new File([text], 'particles.star');
}

function messages(kind: 'error' | 'warning' | 'info'): string[] {
  return useJobsStore.getState().messages.filter((m) => m.kind === kind).map((m) => m.text);
}

beforeEach(() => {
  useJobsStore.setState({ messages: [], jobs: [] });
  picksStore.getState().loadPicks([]);
  useProjectStore.setState({ tomograms: [], activeTomogramId: undefined, classes: [] });
  const data = new Float32Array(NX * NY * NZ);
  const volume: Volume = { nx: NX, ny: NY, nz: NZ, voxelSize: [VOXEL, VOXEL, VOXEL], origin: [0, 0, 0], dtype: 'float32', data, stats: computeStats({ dtype: 'float32', data }) };
  useProjectStore.getState().addTomogram({ name: 'TS_01.mrc', volume, format: 'mrc', warnings: [] }, [
    { id: 1, name: 'ribosome', color: '#e6550d', radiusAngstrom: 130 },
  ]);
});

describe('importCoordinateFiles', () => {
  it('places RELION 5 picks at voxels, creates unknown classes, skips and reports picks outside, in one undo step', async () => {
    // X_Å = (x − nx/2)·v: x = 5 → −150 Å; the third row lies 100 voxels beyond the volume.
    await importCoordinateFiles([relion5(['TS_01 -150 0 50 1', 'TS_01 0 -100 0 3', 'TS_01 1000 0 0 1'])]);
    const picks = picksStore.getState().picks;
    const tomogramId = useProjectStore.getState().activeTomogramId!;
    const positions = [...picks.values()].map((p) => [p.x, p.y, p.z, p.classId, p.tomogram, p.source]).sort();
    expect(positions).toEqual([
      [20, 5, 10, 3, tomogramId, 'imported'],
      [5, 15, 15, 1, tomogramId, 'imported'],
    ]);
    expect(useProjectStore.getState().classes.map((c) => [c.id, c.name])).toEqual([
      [1, 'ribosome'],
      [3, 'class 3'],
    ]);
    expect(messages('warning').join('\n')).toMatch(/1 of 3 picks lie outside TS_01\.mrc .*not imported/);
    expect(messages('info').join('\n')).toMatch(/Imported 2 picks from particles\.star \(relion5\).*new classes: class 3/);
    expect(picksStore.getState().undo()).toBe(true);
    expect(picksStore.getState().picks.size).toBe(0);
  });

  it('takes the rows of a file naming one other tomogram, with a warning, and refuses several', async () => {
    await importCoordinateFiles([relion5(['demo 0 0 0 1'])]);
    expect(picksStore.getState().picks.size).toBe(1);
    expect(messages('warning').join('\n')).toMatch(/names tomogram "demo"; its picks were placed in TS_01\.mrc/);

    await importCoordinateFiles([relion5(['a 0 0 0 1', 'b 0 0 0 1'])]);
    expect(picksStore.getState().picks.size).toBe(1);
    expect(messages('error').join('\n')).toMatch(/rows are for 2 other tomograms \(a, b\), none is TS_01\.mrc/);
  });

  it('uses a tomograms.star dropped alongside for aliases and warns when its size disagrees', async () => {
    const tomograms = new File(
      [
        [
          'data_global',
          'loop_',
          '_rlnTomoName',
          '_rlnTomoTiltSeriesPixelSize',
          '_rlnTomoTomogramBinning',
          '_rlnTomoSizeX',
          '_rlnTomoSizeY',
          '_rlnTomoSizeZ',
          '_rlnTomoReconstructedTomogram',
          'TS_07 5 2 200 60 40 tomograms/TS_01.mrc',
          '',
        ].join('\n'),
      ],
      'tomograms.star',
    );
    await importCoordinateFiles([relion5(['TS_07 0 0 0 1', 'TS_08 0 0 0 1']), tomograms]);
    const picks = [...picksStore.getState().picks.values()];
    expect(picks.map((p) => [p.x, p.y, p.z])).toEqual([[20, 15, 10]]);
    expect(messages('warning').join('\n')).toMatch(/tomograms\.star says TS_07 is 100×30×20 voxels, the opened tomogram is 40×30×20/);
  });

  it('refuses a file with a bad row, naming the line, unless bad rows are skipped', async () => {
    const file = relion5(['TS_01 0 0 0 1', 'TS_01 nan 0 0 1']);
    await importCoordinateFiles([file]);
    expect(picksStore.getState().picks.size).toBe(0);
    expect(messages('error').join('\n')).toMatch(/particles\.star.*line 9/);

    await importCoordinateFiles([file], { skipBadRows: true, status: 'candidate' });
    expect([...picksStore.getState().picks.values()].map((p) => p.status)).toEqual(['candidate']);
    expect(messages('warning').join('\n')).toMatch(/line 9/);
  });

  it('says that a tomogram is needed first', async () => {
    useProjectStore.setState({ tomograms: [], activeTomogramId: undefined });
    await importCoordinateFiles([relion5(['TS_01 0 0 0 1'])]);
    expect(messages('error')).toEqual(['Open a tomogram before importing coordinates: picks are placed in its voxels']);
  });
});
