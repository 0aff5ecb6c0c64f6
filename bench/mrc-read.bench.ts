/**
 * MRC read throughput: our openVolume (from fs.openAsBlob, the CLI's code path) against mrcfile's
 * full read (mrcfile.read, timed inside Python so interpreter start is excluded), on a
 * 512×512×200 float32 file and an int8 file of the same shape written with our writer.
 * Runs alternate (peer, ours, ours binned) and the median of 7 each is reported, in MB/s of file
 * bytes. Also: binned-on-load (2×) throughput.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, openAsBlob, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ratioFor, type BenchFigure, type BenchRun } from './figure.ts';
import { openVolume } from '../src/core/io/open-volume.ts';
import { writeMrc } from '../src/core/io/mrc/mrc-write.ts';
import { allocateVoxels, computeStats, type Volume, type VoxelDType } from '../src/core/volume/volume.ts';
import { debianPython } from '../src/testing/reference-paths.ts';

const [NX, NY, NZ] = [512, 512, 200];
const RUNS = 7;

function syntheticVolume(dtype: VoxelDType): Volume {
  const data = allocateVoxels(dtype, NX * NY * NZ);
  let seed = 12345;
  for (let i = 0; i < data.length; i++) {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    data[i] = dtype === 'float32' ? seed / 2 ** 32 - 0.5 : (seed >>> 24) - 128;
  }
  return { nx: NX, ny: NY, nz: NZ, voxelSize: [10, 10, 10], origin: [0, 0, 0], dtype, data, stats: computeStats({ dtype, data }) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function ourSeconds(path: string, bin: 1 | 2): Promise<number> {
  const start = performance.now();
  const { volume } = await openVolume(await openAsBlob(path), path, { bin });
  const seconds = (performance.now() - start) / 1000;
  if (volume.data.length === 0) throw new Error('empty volume');
  return seconds;
}

const MRCFILE_READ = [
  'import sys, time, mrcfile',
  't = time.perf_counter()',
  'data = mrcfile.read(sys.argv[1])',
  'print(time.perf_counter() - t)',
].join('\n');

/** One timed mrcfile.read in a fresh interpreter; the clock runs inside Python, around the read only. */
function mrcfileSeconds(path: string): number {
  return Number(execFileSync(debianPython, ['-c', MRCFILE_READ, path]).toString());
}

/** Alternates ours and the peer run by run, so load from other processes hits both alike. */
async function timeBoth(path: string): Promise<{ ours: number; binned: number; peer: number }> {
  const ours: number[] = [];
  const binned: number[] = [];
  const peer: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    peer.push(mrcfileSeconds(path));
    ours.push(await ourSeconds(path, 1));
    binned.push(await ourSeconds(path, 2));
  }
  return { ours: median(ours), binned: median(binned), peer: median(peer) };
}

export const run: BenchRun = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tomopick-bench-mrc-'));
  const figures: BenchFigure[] = [];
  try {
    for (const dtype of ['float32', 'int8'] as const) {
      const path = join(dir, `${dtype}.mrc`);
      const file = writeMrc(syntheticVolume(dtype));
      writeFileSync(path, file);
      const mb = file.byteLength / 1e6;
      const times = await timeBoth(path);
      const [ours, binned, peer] = [mb / times.ours, mb / times.binned, mb / times.peer];
      const shape = `${NX}x${NY}x${NZ} ${dtype}`;
      figures.push({ name: `mrc-read ${shape}`, value: Math.round(ours), unit: 'MB/s', peer: 'mrcfile.read', peerValue: Math.round(peer), ratio: ratioFor('MB/s', ours, peer), note: `median of ${RUNS}; file in page cache; includes statistics` });
      figures.push({ name: `mrc-read bin2 ${shape}`, value: Math.round(binned), unit: 'MB/s', peer: 'mrcfile.read (unbinned)', peerValue: Math.round(peer), ratio: ratioFor('MB/s', binned, peer), note: 'binned 2x on load, never holding the unbinned volume' });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return figures;
};
