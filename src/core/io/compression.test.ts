import { describe, expect, it } from 'vitest';
import { gunzipBlob, sniffCompression, stripCompressionSuffix } from './compression.ts';

async function gzip(bytes: Uint8Array): Promise<Blob> {
  return new Response(new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream('gzip'))).blob();
}

describe('compression', () => {
  it('recognises gzip and bzip2 magic bytes', () => {
    expect(sniffCompression(new Uint8Array([0x1f, 0x8b, 8, 0]))).toBe('gzip');
    expect(sniffCompression(new TextEncoder().encode('BZh9'))).toBe('bzip2');
    expect(sniffCompression(new Uint8Array([0, 0, 0, 0]))).toBe('none');
    expect(stripCompressionSuffix('emd_3197.map.gz')).toBe('emd_3197.map');
  });

  it('inflates gzip with progress', async () => {
    const data = new Uint8Array(300_000).map((_, i) => (i * 31) % 251);
    const seen: number[] = [];
    const out = new Uint8Array(await (await gunzipBlob(await gzip(data), { onProgress: (f) => seen.push(f) })).arrayBuffer());
    expect(out.length).toBe(data.length);
    expect(out.every((v, i) => v === data[i])).toBe(true);
    expect(seen.at(-1)).toBe(1);
  });

  it('says when gzip data is corrupt or truncated', async () => {
    const compressed = new Uint8Array(await (await gzip(new Uint8Array(5000).fill(7))).arrayBuffer());
    await expect(gunzipBlob(new Blob([compressed.subarray(0, compressed.length - 12) as BlobPart]))).rejects.toThrow(/gzip data is corrupt or truncated/);
  });

  it('stops when aborted', async () => {
    const blob = await gzip(new Uint8Array(1000));
    await expect(gunzipBlob(blob, { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
  });
});
