/**
 * A ByteSource over a file on disk (Node only, hence here and not in src/core). `readInto` reads
 * straight into the caller's buffer through the file handle: no intermediate copy, and much faster
 * than Node's Blob (`fs.openAsBlob`) reads, which is what lets the CLI read MRC at page-cache speed.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import { shortReadError, type ByteSource } from '../core/io/byte-source.ts';

/** Node refuses single reads over 2 GiB − 1; larger targets are filled in pieces. */
const MAX_READ_BYTES = 1 << 30;

export interface FileByteSource extends ByteSource {
  readInto(offset: number, target: Uint8Array): Promise<void>;
  close(): Promise<void>;
}

async function fillFrom(handle: FileHandle, position: number, target: Uint8Array): Promise<void> {
  let filled = 0;
  while (filled < target.byteLength) {
    const length = Math.min(MAX_READ_BYTES, target.byteLength - filled);
    const { bytesRead } = await handle.read(target, filled, length, position + filled);
    if (bytesRead === 0) throw shortReadError(position, filled, target.byteLength);
    filled += bytesRead;
  }
}

/** Opens `path` for reading; call `close()` when done (or use `withFileSource`). */
export async function openFileSource(path: string): Promise<FileByteSource> {
  const handle = await open(path, 'r');
  try {
    const info = await handle.stat();
    if (info.isDirectory()) throw new Error(`${path} is a directory, not a file`);
    if (!info.isFile()) throw new Error(`${path} is not a regular file`);
    return {
      size: info.size,
      name: basename(path),
      readInto: (offset, target) => fillFrom(handle, offset, target),
      async read(offset, length) {
        const bytes = new Uint8Array(length); // its own buffer, so typed views on it are aligned
        await fillFrom(handle, offset, bytes);
        return bytes;
      },
      close: () => handle.close(),
    };
  } catch (err) {
    await handle.close();
    throw err;
  }
}

/** Runs `use` with a file source and closes the file afterwards, whatever happens. */
export async function withFileSource<T>(path: string, use: (source: FileByteSource) => Promise<T>): Promise<T> {
  const source = await openFileSource(path);
  try {
    return await use(source);
  } finally {
    await source.close();
  }
}
