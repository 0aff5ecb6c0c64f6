/**
 * Sequential chunked reads of a Blob/File: the one way volume readers pull bytes, so progress,
 * cancellation and memory use behave the same for every format. The next chunk is requested
 * before the current one is handed over, so file I/O overlaps decoding.
 */
export interface ChunkedReadOptions {
  signal?: AbortSignal;
  /** Fraction of the byte range done, 0–1, after each chunk. */
  onProgress?: (fraction: number) => void;
  /** Bytes per read; rounded down to a multiple of `granularity`. */
  chunkBytes?: number;
}

/** Big enough to amortise each read, small enough to stay in cache while it is decoded. */
export const DEFAULT_CHUNK_BYTES = 16 * 1024 * 1024;

/**
 * Calls `onChunk(bytes, offset)` for consecutive slices of [start, start + length) of `blob`.
 * Every chunk but the last is a multiple of `granularity` bytes, and each `bytes` starts at
 * offset 0 of its own ArrayBuffer, so typed-array views on it are aligned.
 */
export async function forEachBlobChunk(
  blob: Blob,
  start: number,
  length: number,
  granularity: number,
  onChunk: (bytes: Uint8Array, offset: number) => void,
  options: ChunkedReadOptions = {},
): Promise<void> {
  const { signal, onProgress } = options;
  const requested = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  const chunk = Math.max(granularity, requested - (requested % granularity));
  const read = (offset: number) => blob.slice(start + offset, start + Math.min(length, offset + chunk)).arrayBuffer();
  signal?.throwIfAborted();
  let pending = length > 0 ? read(0) : null;
  for (let offset = 0; offset < length; offset += chunk) {
    const buffer = await pending!;
    signal?.throwIfAborted();
    const next = offset + chunk;
    pending = next < length ? read(next) : null;
    pending?.catch(() => undefined); // rejections surface when awaited; avoid an unhandled one if we stop early
    const expected = Math.min(chunk, length - offset);
    if (buffer.byteLength !== expected) {
      throw new Error(`file shrank while reading: got ${buffer.byteLength} bytes at offset ${start + offset}, expected ${expected}`);
    }
    onChunk(new Uint8Array(buffer), offset);
    onProgress?.(Math.min(1, next / length));
  }
  if (length === 0) onProgress?.(1);
}
