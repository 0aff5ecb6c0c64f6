import { openAsBlob, writeFileSync } from 'node:fs';
import { openVolume } from '../src/core/io/open-volume.ts';
import { withFileSource } from '../src/cli/file-source.ts';
import { writeMrc } from '../src/core/io/mrc/mrc-write.ts';
import { allocateVoxels, computeStats } from '../src/core/volume/volume.ts';
import { statsOf } from '../src/core/volume/stats-accumulator.ts';
const [NX, NY, NZ] = [512, 512, 200];
for (const dtype of ['float32', 'int8'] as const) {
  const data = allocateVoxels(dtype, NX * NY * NZ);
  let seed = 1;
  for (let i = 0; i < data.length; i++) { seed = (seed * 1664525 + 1013904223) >>> 0; data[i] = dtype === 'float32' ? seed / 2 ** 32 - 0.5 : (seed >>> 24) - 128; }
  const path = `/tmp/h11/${dtype}.mrc`;
  writeFileSync(path, writeMrc({ nx: NX, ny: NY, nz: NZ, voxelSize: [1, 1, 1], origin: [0, 0, 0], dtype, data, stats: computeStats({ dtype, data }) }));
  for (let r = 0; r < 4; r++) {
    let t = performance.now();
    await withFileSource(path, (s) => openVolume(s, path));
    const file = performance.now() - t;
    t = performance.now();
    await openVolume(await openAsBlob(path), path);
    const blob = performance.now() - t;
    t = performance.now(); statsOf(dtype, data); const stats = performance.now() - t;
    t = performance.now();
    await withFileSource(path, async (s) => { const b = new Uint8Array(s.size); await s.readInto(0, b); });
    const raw = performance.now() - t;
    console.log(dtype, { file: file.toFixed(0), blob: blob.toFixed(0), stats: stats.toFixed(0), rawRead: raw.toFixed(0) });
  }
}
