/**
 * Copies of opened tomogram files in the origin-private file system (OPFS), so a reload re-opens
 * them without asking. The original bytes are stored (not the decoded volume: smaller for int8
 * files, and re-opening applies the same reader and binning). Files stream from disk into OPFS
 * through `createWritable`, which works on the main thread and never holds the file in memory.
 */

export interface TomogramFileStore {
  /** Throws StorageQuotaError when the copy does not fit; nothing partial is left behind. */
  save(key: string, file: Blob): Promise<void>;
  /** Undefined when there is no copy (evicted, or never made). */
  open(key: string): Promise<File | undefined>;
  remove(key: string): Promise<void>;
}

export class StorageQuotaError extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = 'StorageQuotaError';
  }
}

export interface StorageUse {
  usage: number;
  quota: number;
}

export async function storageUse(): Promise<StorageUse | undefined> {
  if (!navigator.storage?.estimate) return undefined;
  const { usage = 0, quota = 0 } = await navigator.storage.estimate();
  return { usage, quota };
}

/** Leave room for IndexedDB and other writes so a full OPFS never blocks saving picks. */
const QUOTA_HEADROOM = 0.9;

export function opfsAvailable(): boolean {
  return typeof navigator !== 'undefined' && typeof navigator.storage?.getDirectory === 'function' && 'createWritable' in FileSystemFileHandle.prototype;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(bytes < 1e7 ? 1 : 0)} MB`;
}

class OpfsTomogramFiles implements TomogramFileStore {
  private directory(): Promise<FileSystemDirectoryHandle> {
    return navigator.storage.getDirectory().then((root) => root.getDirectoryHandle('tomograms', { create: true }));
  }

  async save(key: string, file: Blob): Promise<void> {
    const use = await storageUse();
    if (use && use.usage + file.size > use.quota * QUOTA_HEADROOM) {
      throw new StorageQuotaError(`a ${megabytes(file.size)} copy does not fit in the browser's storage (${megabytes(use.quota - use.usage)} free)`);
    }
    const dir = await this.directory();
    const handle = await dir.getFileHandle(key, { create: true });
    try {
      const writable = await handle.createWritable();
      await file.stream().pipeTo(writable); // closes (commits) the file when the stream ends
    } catch (err) {
      await dir.removeEntry(key).catch(() => undefined);
      if ((err as DOMException)?.name === 'QuotaExceededError') throw new StorageQuotaError(`the browser's storage filled up while copying ${megabytes(file.size)}`);
      throw err;
    }
  }

  async open(key: string): Promise<File | undefined> {
    try {
      return await (await (await this.directory()).getFileHandle(key)).getFile();
    } catch (err) {
      if ((err as DOMException)?.name === 'NotFoundError') return undefined;
      throw err;
    }
  }

  async remove(key: string): Promise<void> {
    try {
      await (await this.directory()).removeEntry(key);
    } catch (err) {
      if ((err as DOMException)?.name !== 'NotFoundError') throw err;
    }
  }
}

export const opfsTomogramFiles: TomogramFileStore = new OpfsTomogramFiles();
