/**
 * The two real ImageJ TIFF stacks (cylindra microtubules, written by tifffile): dimensions, 10.52 Å
 * voxels from spacing=/unit= and X/YResolution, and every voxel equal to what Pillow decodes.
 */
import { execFileSync } from 'node:child_process';
import { openAsBlob } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { debianPython, referencePath } from '../../../testing/reference-paths.ts';
import { openVolume } from '../open-volume.ts';

const pillowScript = `
import sys, numpy as np
from PIL import Image
im = Image.open(sys.argv[1])
pages = []
for i in range(im.n_frames):
    im.seek(i)
    pages.append(np.array(im))
a = np.stack(pages)
sys.stdout.write("%d %d %d %s\\n" % (a.shape[2], a.shape[1], a.shape[0], a.dtype))
sys.stdout.flush()
sys.stdout.buffer.write(a.tobytes())
`;

function pillowDecode(path: string): { dims: number[]; dtype: string; bytes: Uint8Array } {
  const out = execFileSync(debianPython, ['-c', pillowScript, path], { maxBuffer: 64 << 20 });
  const newline = out.indexOf(10);
  const [nx, ny, nz, dtype] = out.subarray(0, newline).toString().split(' ');
  return { dims: [Number(nx), Number(ny), Number(nz)], dtype: dtype!, bytes: new Uint8Array(out.subarray(newline + 1)) };
}

describe('reference ImageJ TIFF stacks', () => {
  for (const name of ['13pf_MT.tif', '14pf_MT.tif']) {
    it(name, async () => {
      const path = referencePath(`tomograms/cylindra_microtubules/${name}`);
      const { volume, format, warnings } = await openVolume(await openAsBlob(path), name);
      const pillow = pillowDecode(path);
      expect(format).toBe('tiff');
      expect(warnings).toEqual([]);
      expect([volume.nx, volume.ny, volume.nz]).toEqual(pillow.dims);
      expect([volume.dtype, pillow.dtype]).toEqual(['uint8', 'uint8']);
      volume.voxelSize.forEach((v) => expect(v).toBeCloseTo(10.52, 6));
      const ours = new Uint8Array(volume.data.buffer, volume.data.byteOffset, volume.data.byteLength);
      expect(ours.length).toBe(pillow.bytes.length);
      expect(Buffer.compare(ours, pillow.bytes)).toBe(0);
    });
  }
});
