/**
 * openVolume: the one entry point the studio's io worker and the CLI use to open a tomogram.
 * Dispatches on magic bytes first (gzip, bzip2, TIFF) and on the name only for MRC, which has
 * no reliable magic; anything else is tried as MRC, whose header checks give a specific message.
 * Takes a Blob/File (browser) or any ByteSource (the CLI's file source).
 */
import type { Volume } from '../volume/volume.ts';
import type { BinFactor } from '../volume/bin.ts';
import { toByteSource, type ByteSource } from './byte-source.ts';
import { bzip2Refusal, gunzipBlob, sniffCompression, stripCompressionSuffix } from './compression.ts';
import type { MrcHeaderInfo } from './mrc/mrc-header.ts';
import { readMrc } from './mrc/mrc-read.ts';
import { readTiffStack } from './tiff/tiff-read.ts';

export interface OpenVolumeOptions {
  bin?: BinFactor;
  signal?: AbortSignal;
  /** Overall fraction done, 0–1 (decompression, when needed, counts as the first half). */
  onProgress?: (fraction: number) => void;
  /** Volume of an MRC volume stack (ISPG 401–630); 0-based. */
  volumeIndex?: number;
}

export interface OpenedVolume {
  volume: Volume;
  format: 'mrc' | 'tiff';
  /** MRC only: the parsed header, including the mode-0 signedness rule that applied. */
  header?: MrcHeaderInfo;
  warnings: string[];
}

export const VOLUME_EXTENSIONS = ['.mrc', '.map', '.ccp4', '.rec', '.st', '.ali', '.mrcs', '.tif', '.tiff', '.gz'] as const;

function isTiff(magic: Uint8Array): boolean {
  const tag = String.fromCharCode(...magic.subarray(0, 4));
  return tag === 'II*\0' || tag === 'MM\0*' || tag === 'II+\0' || tag === 'MM\0+';
}

function scaled(onProgress: ((f: number) => void) | undefined, from: number, to: number) {
  return onProgress && ((f: number) => onProgress(from + (to - from) * f));
}

export async function openVolume(input: Blob | ByteSource, name: string, options: OpenVolumeOptions = {}): Promise<OpenedVolume> {
  const { bin, signal, onProgress, volumeIndex } = options;
  const source = toByteSource(input);
  if (source.size === 0) throw new Error(`${name} is empty (0 bytes)`);
  const magic = await source.read(0, Math.min(4, source.size));
  const compression = sniffCompression(magic);
  if (compression === 'bzip2') throw bzip2Refusal(name);
  if (compression === 'gzip') {
    const inflated = await gunzipBlob(source, { signal, onProgress: scaled(onProgress, 0, 0.5) });
    const inner = await openVolume(inflated, stripCompressionSuffix(name), { ...options, onProgress: scaled(onProgress, 0.5, 1) });
    return inner;
  }
  try {
    if (isTiff(magic)) {
      const { volume, warnings } = await readTiffStack(source, { bin, signal, onProgress });
      return { volume, format: 'tiff', warnings };
    }
    const { volume, header, warnings } = await readMrc(source, { bin, signal, onProgress, volumeIndex });
    return { volume, format: 'mrc', header, warnings };
  } catch (err) {
    if (signal?.aborted) throw signal.reason;
    const known = VOLUME_EXTENSIONS.some((ext) => name.toLowerCase().endsWith(ext));
    const hint = known ? '' : ` (expected ${VOLUME_EXTENSIONS.join(', ')})`;
    throw new Error(`${name}: ${(err as Error).message}${hint}`, { cause: err });
  }
}
