import { describe, expect, it } from 'vitest';
import { blobSource, readClipped, readIntoFrom, sourceStream, toByteSource, type ByteSource } from './byte-source.ts';

const bytes = new Uint8Array(1000).map((_, i) => (i * 7) % 256);

describe('blobSource', () => {
  it('reads exact ranges and keeps a File name', async () => {
    const source = blobSource(new File([bytes], 'tomo.mrc'));
    expect([source.size, source.name]).toEqual([1000, 'tomo.mrc']);
    expect(Array.from(await source.read(990, 10))).toEqual(Array.from(bytes.subarray(990)));
    expect(blobSource(new Blob([bytes])).name).toBeUndefined();
  });

  it('says the file shrank when a read comes back short', async () => {
    await expect(blobSource(new Blob([bytes])).read(995, 10)).rejects.toThrow('file shrank while reading: got 5 bytes at offset 995, expected 10');
  });
});

describe('toByteSource', () => {
  it('passes a ByteSource through and wraps a Blob', async () => {
    const custom: ByteSource = { size: 3, read: async () => new Uint8Array(3) };
    expect(toByteSource(custom)).toBe(custom);
    expect(Array.from(await toByteSource(new Blob([bytes])).read(1, 2))).toEqual([7, 14]);
  });
});

describe('readIntoFrom', () => {
  it('uses readInto where the source has it, else reads and copies', async () => {
    const calls: string[] = [];
    const base = blobSource(new Blob([bytes]));
    const direct: ByteSource = {
      ...base,
      readInto: async (offset, target) => {
        calls.push(`into ${offset}`);
        target.set(await base.read(offset, target.byteLength));
      },
    };
    const a = new Uint8Array(20);
    const b = new Uint8Array(20);
    await readIntoFrom(direct, 100, a.subarray(5, 15));
    await readIntoFrom(base, 100, b.subarray(5, 15));
    expect(calls).toEqual(['into 100']);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a.subarray(5, 15))).toEqual(Array.from(bytes.subarray(100, 110)));
  });
});

describe('readClipped and sourceStream', () => {
  it('clips a read that asks past the end', async () => {
    const source = blobSource(new Blob([bytes]));
    expect((await readClipped(source, 900, 1024)).byteLength).toBe(100);
    expect((await readClipped(source, 2000, 10)).byteLength).toBe(0);
  });

  it('streams every byte in chunks', async () => {
    const parts: Uint8Array[] = [];
    const reader = sourceStream(blobSource(new Blob([bytes])), 300).getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) parts.push(r.value);
    expect(parts.map((p) => p.byteLength)).toEqual([300, 300, 300, 100]);
    expect(Array.from(new Uint8Array(await new Blob(parts as BlobPart[]).arrayBuffer()))).toEqual(Array.from(bytes));
  });
});
