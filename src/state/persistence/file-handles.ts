/**
 * File System Access handles (Chromium): a handle kept in IndexedDB re-opens the user's own file
 * after a reload; the browser asks for read permission again, which needs one click.
 * TypeScript's DOM library does not declare this part of the API yet, hence the types here.
 */

type PermissionMode = { mode: 'read' };

interface PermissionedHandle {
  queryPermission(options: PermissionMode): Promise<PermissionState>;
  requestPermission(options: PermissionMode): Promise<PermissionState>;
}

interface OpenFilePickerOptions {
  multiple?: boolean;
  types?: { description: string; accept: Record<string, string[]> }[];
}

type WindowWithPicker = Window & { showOpenFilePicker?: (options?: OpenFilePickerOptions) => Promise<FileSystemFileHandle[]> };

export function fileSystemAccessAvailable(): boolean {
  return typeof window !== 'undefined' && typeof (window as WindowWithPicker).showOpenFilePicker === 'function';
}

/** Opens the system file picker; returns no handles when the user cancels. */
export async function pickFileHandles(extensions: string[]): Promise<FileSystemFileHandle[]> {
  const picker = (window as WindowWithPicker).showOpenFilePicker;
  if (!picker) throw new Error('this browser cannot keep access to files (File System Access API); use “Open tomogram…”');
  try {
    return await picker.call(window, { multiple: true, types: [{ description: 'Tomograms', accept: { 'application/octet-stream': extensions } }] });
  } catch (err) {
    if ((err as DOMException)?.name === 'AbortError') return [];
    throw err;
  }
}

/** 'granted', or 'prompt' when a click must re-grant read access, or 'denied'. */
export function readPermission(handle: FileSystemFileHandle): Promise<PermissionState> {
  return (handle as unknown as PermissionedHandle).queryPermission({ mode: 'read' });
}

/** Must run inside a user gesture (a click handler). */
export function requestReadPermission(handle: FileSystemFileHandle): Promise<PermissionState> {
  return (handle as unknown as PermissionedHandle).requestPermission({ mode: 'read' });
}
