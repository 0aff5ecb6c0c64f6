/**
 * Compressed volumes: gzip is inflated with the platform's DecompressionStream (browser and
 * Node ≥ 18); bzip2 is refused with the command that fixes it, since no well-kept pure-JS bzip2
 * decoder exists and EMDB/CCP4 maps are the only bz2 files users meet.
 */
import { sourceStream, toByteSource, type ByteSource } from './byte-source.ts';

export type Compression = 'gzip' | 'bzip2' | 'none';

export function sniffCompression(magic: Uint8Array): Compression {
  if (magic[0] === 0x1f && magic[1] === 0x8b) return 'gzip';
  if (magic[0] === 0x42 && magic[1] === 0x5a && magic[2] === 0x68) return 'bzip2'; // "BZh"
  return 'none';
}

/** The name without its compression suffix: "emd_3197.map.gz" → "emd_3197.map". */
export function stripCompressionSuffix(name: string): string {
  return name.replace(/\.(gz|gzip|bz2)$/i, '');
}

export function bzip2Refusal(name: string): Error {
  return new Error(`bzip2-compressed files are not supported: decompress first (bunzip2 -k "${name}") and open the result`);
}

export interface InflateOptions {
  signal?: AbortSignal;
  /** Fraction of the compressed input consumed, 0–1. */
  onProgress?: (fraction: number) => void;
}

/** Inflates gzip bytes into a Blob (kept in memory: gzip has no random access). */
export async function gunzipBlob(input: Blob | ByteSource, options: InflateOptions = {}): Promise<Blob> {
  const { signal, onProgress } = options;
  const source = toByteSource(input);
  signal?.throwIfAborted();
  let consumed = 0;
  const meter = new TransformStream<Uint8Array<ArrayBuffer>, Uint8Array<ArrayBuffer>>({
    transform(chunk, controller) {
      signal?.throwIfAborted();
      consumed += chunk.byteLength;
      onProgress?.(consumed / source.size);
      controller.enqueue(chunk);
    },
  });
  const parts: Uint8Array[] = [];
  try {
    const inflated = sourceStream(source).pipeThrough(meter).pipeThrough(new DecompressionStream('gzip'));
    const reader = inflated.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
    }
  } catch (err) {
    if (signal?.aborted) throw signal.reason;
    throw new Error(`gzip data is corrupt or truncated: ${(err as Error).message}`);
  }
  return new Blob(parts as BlobPart[]);
}
