import { closeSync, mkdtempSync, openSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { percentile, recordFigure } from './figures.ts';

/**
 * Slice-change latency on a 1024×1024×400 int8 tomogram (issue 3): time from a key press to the XY
 * canvas showing the new slice, p50/p95 over 60 steps. SwiftShader here; target on a real GPU p95 < 30 ms.
 */
const NX = 1024;
const NY = 1024;
const NZ = 400;

function writeBigInt8Mrc(path: string): void {
  const header = new DataView(new ArrayBuffer(1024));
  [NX, NY, NZ, 0].forEach((v, i) => header.setInt32(i * 4, v, true)); // mode 0
  [NX, NY, NZ].forEach((v, i) => header.setInt32(28 + i * 4, v, true)); // MX MY MZ
  [NX * 10, NY * 10, NZ * 10].forEach((v, i) => header.setFloat32(40 + i * 4, v, true)); // 10 Å voxels
  [90, 90, 90].forEach((v, i) => header.setFloat32(52 + i * 4, v, true));
  [1, 2, 3].forEach((v, i) => header.setInt32(64 + i * 4, v, true));
  header.setFloat32(76, -128, true);
  header.setFloat32(80, 127, true);
  new Uint8Array(header.buffer).set([77, 65, 80, 32], 208); // 'MAP '
  new Uint8Array(header.buffer).set([0x44, 0x44, 0, 0], 212);
  const fd = openSync(path, 'w');
  writeSync(fd, new Uint8Array(header.buffer));
  const slab = new Int8Array(NX * NY);
  let seed = 7;
  for (let z = 0; z < NZ; z++) {
    for (let i = 0; i < slab.length; i += 1) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      slab[i] = ((seed >> 16) & 0xff) - 128;
    }
    writeSync(fd, new Uint8Array(slab.buffer));
  }
  closeSync(fd);
}

test('slice-change latency, 1024×1024×400 int8', async ({ page }) => {
  const path = join(mkdtempSync(join(tmpdir(), 'tomopick-bench-')), 'big-int8.mrc');
  writeBigInt8Mrc(path);
  await page.goto('/');
  await expect(page.getByTestId('view-xy')).toBeVisible();
  await page.getByTestId('open-file').setInputFiles(path);
  await expect(page.getByTestId('view-xy')).toHaveAttribute('data-slice-width', String(NX), { timeout: 300_000 });
  const latencies = await page.evaluate(async (steps) => {
    const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="view-xy"]')!;
    const waitDrawn = (index: string) =>
      new Promise<void>((resolve) => {
        const check = () => (canvas.dataset.drawnIndex === index ? resolve() : requestAnimationFrame(check));
        check();
      });
    const out: number[] = [];
    for (let k = 0; k < steps; k++) {
      const before = Number(canvas.dataset.sliceIndex);
      const t0 = performance.now();
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowUp' }));
      await waitDrawn(String(before + 1));
      out.push(performance.now() - t0);
    }
    return out;
  }, 60);
  const sorted = [...latencies].sort((a, b) => a - b);
  const note = 'headless Chromium, SwiftShader, 2-core CPU; key press → XY canvas redrawn';
  recordFigure({ name: 'slice-change-latency-p50-1024x1024x400-int8', value: Math.round(percentile(sorted, 50) * 10) / 10, unit: 'ms', note });
  recordFigure({ name: 'slice-change-latency-p95-1024x1024x400-int8', value: Math.round(percentile(sorted, 95) * 10) / 10, unit: 'ms', note });
});
