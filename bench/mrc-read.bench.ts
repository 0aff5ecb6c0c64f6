/**
 * MRC read throughput: our openVolume against mrcfile's full read (mrcfile.read, timed inside
 * Python so interpreter start is excluded), on a 512×512×200 float32 file and an int8 file of the
 * same shape written with our writer. Ours twice: through the Node file source (zero-copy
 * `readInto`, what the CLI uses) and through a Blob from fs.openAsBlob (the browser's code path,
 * run here on Node's Blob). Runs alternate (peer, file source, Blob, binned) and the median of 7
 * each is reported, in MB/s of file bytes. Also: binned-on-load (2×) throughput (file source).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, openAsBlob, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { ratioFor, type BenchFigure, type BenchRun } from './figure.ts';
import { openVolume } from '../src/core/io/open-volume.ts';
import { withFileSource } from '../src/cli/file-source.ts';
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

type OurPath = 'file' | 'blob';

/** Times opening the file (handle or Blob) and reading it, statistics included. */
async function ourSeconds(path: string, via: OurPath, bin: 1 | 2): Promise<number> {
  const start = performance.now();
  const { volume } = via === 'file' ? await withFileSource(path, (source) => openVolume(source, path, { bin })) : await openVolume(await openAsBlob(path), path, { bin });
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
async function timeAll(path: string): Promise<{ file: number; blob: number; binned: number; peer: number }> {
  const file: number[] = [];
  const blob: number[] = [];
  const binned: number[] = [];
  const peer: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    peer.push(mrcfileSeconds(path));
    file.push(await ourSeconds(path, 'file', 1));
    blob.push(await ourSeconds(path, 'blob', 1));
    binned.push(await ourSeconds(path, 'file', 2));
  }
  return { file: median(file), blob: median(blob), binned: median(binned), peer: median(peer) };
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
      const times = await timeAll(path);
      const [viaFile, viaBlob, binned, peer] = [mb / times.file, mb / times.blob, mb / times.binned, mb / times.peer];
      const shape = `${NX}x${NY}x${NZ} ${dtype}`;
      const load = `load average ${loadavg()[0]!.toFixed(1)}`;
      const versus = (value: number) => ({ unit: 'MB/s', peer: 'mrcfile.read', peerValue: Math.round(peer), ratio: ratioFor('MB/s', value, peer) });
      figures.push({ name: `mrc-read ${shape} (Node file source, CLI)`, value: Math.round(viaFile), ...versus(viaFile), note: `median of ${RUNS}; file in page cache; includes statistics; ${load}` });
      figures.push({ name: `mrc-read ${shape} (Blob, browser path on Node)`, value: Math.round(viaBlob), ...versus(viaBlob), note: `median of ${RUNS}; fs.openAsBlob; includes statistics; ${load}` });
      figures.push({ name: `mrc-read bin2 ${shape} (Node file source)`, value: Math.round(binned), ...versus(binned), peer: 'mrcfile.read (unbinned)', note: `binned 2x on load, never holding the unbinned volume; ${load}` });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return figures;
};
