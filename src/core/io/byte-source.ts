/**
 * ByteSource: random-access bytes of a file, whatever holds them. The browser hands us a Blob/File
 * (`blobSource`); the CLI reads files through a file handle that can fill a caller's buffer
 * directly (src/cli/file-source.ts), which saves a copy and Blob's slow reads. Readers accept
 * `Blob | ByteSource` and normalise once with `toByteSource`.
 */
export interface ByteSource {
  /** Total bytes. */
  readonly size: number;
  /** File name, when known (for messages). */
  readonly name?: string;
  /** Exactly `length` bytes from `offset` (a fresh array, offset 0 of its own buffer), or an error. */
  read(offset: number, length: number): Promise<Uint8Array>;
  /** Fills all of `target` with the bytes from `offset`, or fails; sources that can, skip a copy. */
  readInto?(offset: number, target: Uint8Array): Promise<void>;
}

/** The one message for a source that returns fewer bytes than its size promised. */
export function shortReadError(offset: number, got: number, expected: number): Error {
  return new Error(`file shrank while reading: got ${got} bytes at offset ${offset}, expected ${expected}`);
}

export function blobSource(blob: Blob): ByteSource {
  const name = (blob as Partial<File>).name;
  return {
    size: blob.size,
    ...(typeof name === 'string' ? { name } : {}),
    async read(offset, length) {
      const bytes = new Uint8Array(await blob.slice(offset, offset + length).arrayBuffer());
      if (bytes.byteLength !== length) throw shortReadError(offset, bytes.byteLength, length);
      return bytes;
    },
  };
}

function isByteSource(input: Blob | ByteSource): input is ByteSource {
  return typeof (input as Partial<ByteSource>).read === 'function';
}

export function toByteSource(input: Blob | ByteSource): ByteSource {
  return isByteSource(input) ? input : blobSource(input);
}

/** `readInto` where the source has it, else a read and one copy. */
export async function readIntoFrom(source: ByteSource, offset: number, target: Uint8Array): Promise<void> {
  if (source.readInto) return source.readInto(offset, target);
  target.set(await source.read(offset, target.byteLength));
}

/** Bytes [offset, offset + length) clipped to the source, for parsers that may ask past the end. */
export function readClipped(source: ByteSource, offset: number, length: number): Promise<Uint8Array> {
  const start = Math.min(Math.max(0, offset), source.size);
  return source.read(start, Math.max(0, Math.min(length, source.size - start)));
}

/** The whole source as a stream of chunks (for decompressors). */
export function sourceStream(source: ByteSource, chunkBytes = 4 * 1024 * 1024): ReadableStream<Uint8Array<ArrayBuffer>> {
  let offset = 0;
  return new ReadableStream<Uint8Array<ArrayBuffer>>({
    async pull(controller) {
      if (offset >= source.size) {
        controller.close();
        return;
      }
      const length = Math.min(chunkBytes, source.size - offset);
      const bytes = await source.read(offset, length);
      offset += length;
      controller.enqueue(bytes as Uint8Array<ArrayBuffer>);
    },
  });
}
