/**
 * Sequential chunked reads of a ByteSource: the one way volume readers pull bytes, so progress,
 * cancellation and memory use behave the same for every format. The next chunk is requested
 * before the current one is handed over, so file I/O overlaps decoding and statistics.
 */
import { readIntoFrom, type ByteSource } from '../byte-source.ts';

export interface ChunkedReadOptions {
  signal?: AbortSignal;
  /** Fraction of the byte range done, 0–1, after each chunk. */
  onProgress?: (fraction: number) => void;
  /** Bytes per read; rounded down to a multiple of `granularity`. */
  chunkBytes?: number;
}

/** Big enough to amortise each read, small enough to stay in cache while it is decoded. */
export const DEFAULT_CHUNK_BYTES = 16 * 1024 * 1024;

function chunkSize(options: ChunkedReadOptions, granularity: number): number {
  const requested = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  return Math.max(granularity, requested - (requested % granularity));
}

/**
 * Runs `fetch` for consecutive chunks of [0, length), one ahead of `consume`. A fetch still in
 * flight when we stop early (abort, error) is awaited before returning, so nothing writes into
 * the caller's buffers, or reads a handle the caller is about to close, afterwards.
 */
async function pipelineChunks<T>(
  length: number,
  chunk: number,
  fetch: (offset: number, size: number) => Promise<T>,
  consume: (value: T, offset: number, size: number) => void,
  { signal, onProgress }: ChunkedReadOptions,
): Promise<void> {
  signal?.throwIfAborted();
  if (length === 0) {
    onProgress?.(1);
    return;
  }
  let pending: Promise<T> | null = fetch(0, Math.min(chunk, length));
  try {
    for (let offset = 0; offset < length; offset += chunk) {
      const value: T = await pending!;
      pending = null;
      signal?.throwIfAborted();
      const next = offset + chunk;
      if (next < length) pending = fetch(next, Math.min(chunk, length - next));
      consume(value, offset, Math.min(chunk, length - offset));
      onProgress?.(Math.min(1, next / length));
    }
  } finally {
    if (pending) await pending.then(() => undefined, () => undefined);
  }
}

/**
 * Calls `onChunk(bytes, offset)` for consecutive slices of [start, start + length) of `source`.
 * Every chunk but the last is a multiple of `granularity` bytes, and each `bytes` starts at
 * offset 0 of its own ArrayBuffer, so typed-array views on it are aligned.
 */
export function forEachSourceChunk(
  source: ByteSource,
  start: number,
  length: number,
  granularity: number,
  onChunk: (bytes: Uint8Array, offset: number) => void,
  options: ChunkedReadOptions = {},
): Promise<void> {
  return pipelineChunks(length, chunkSize(options, granularity), (offset, size) => source.read(start + offset, size), (bytes, offset) => onChunk(bytes, offset), options);
}

/**
 * Fills `target` with the bytes from `start`, chunk by chunk, straight into it where the source
 * can (`readInto`), and calls `onFilled(offset, size)` after each chunk lands.
 */
export function readSourceInto(
  source: ByteSource,
  start: number,
  target: Uint8Array,
  granularity: number,
  onFilled: (offset: number, size: number) => void,
  options: ChunkedReadOptions = {},
): Promise<void> {
  return pipelineChunks(
    target.byteLength,
    chunkSize(options, granularity),
    (offset, size) => readIntoFrom(source, start + offset, target.subarray(offset, offset + size)),
    (_, offset, size) => onFilled(offset, size),
    options,
  );
}
