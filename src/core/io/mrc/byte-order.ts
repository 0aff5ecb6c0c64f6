/** Byte order of MRC files: machine stamp first, a plausibility check when the stamp is missing. */
import { KNOWN_MRC_MODES } from './mrc-mode.ts';

export type ByteOrderSource = 'machine-stamp' | 'heuristic';

export interface ByteOrder {
  littleEndian: boolean;
  source: ByteOrderSource;
  /** Set when the stamp contradicted the header and the heuristic won. */
  warning?: string;
}

/** True on every platform we run on; checked rather than assumed so a swap is never skipped. */
export const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Largest per-axis size we believe; a swapped int32 is almost always far above it. */
const MAX_PLAUSIBLE_DIM = 1 << 24;

function plausibleHeader(view: DataView, littleEndian: boolean): boolean {
  const mode = view.getInt32(12, littleEndian);
  if (!KNOWN_MRC_MODES.has(mode)) return false;
  for (const offset of [0, 4, 8]) {
    const n = view.getInt32(offset, littleEndian);
    if (n < 1 || n > MAX_PLAUSIBLE_DIM) return false;
  }
  return true;
}

function stampOrder(stamp0: number): boolean | undefined {
  if (stamp0 === 0x44) return true; // 0x44 0x44 or 0x44 0x41: little-endian
  if (stamp0 === 0x11) return false; // 0x11 0x11: big-endian
  return undefined;
}

/**
 * Reads the machine stamp (byte 212). Files with a zero or unknown stamp (old SerialEM, some
 * CCP4 writers) get the byte order under which MODE and NX/NY/NZ make sense.
 */
export function detectByteOrder(view: DataView): ByteOrder {
  const stamped = stampOrder(view.getUint8(212));
  const littleOk = plausibleHeader(view, true);
  const bigOk = plausibleHeader(view, false);
  if (stamped !== undefined) {
    const stampedOk = stamped ? littleOk : bigOk;
    const otherOk = stamped ? bigOk : littleOk;
    if (stampedOk || !otherOk) return { littleEndian: stamped, source: 'machine-stamp' };
    return {
      littleEndian: !stamped,
      source: 'heuristic',
      warning: `machine stamp says ${stamped ? 'little' : 'big'}-endian but the header only makes sense as ${stamped ? 'big' : 'little'}-endian; read as ${stamped ? 'big' : 'little'}-endian`,
    };
  }
  if (littleOk) return { littleEndian: true, source: 'heuristic' };
  if (bigOk) return { littleEndian: false, source: 'heuristic' };
  const stamp = [212, 213, 214, 215].map((o) => view.getUint8(o).toString(16).padStart(2, '0')).join(' ');
  throw new Error(
    `not an MRC/CCP4 file: machine stamp is ${stamp} and MODE/NX/NY/NZ (${view.getInt32(12, true)}, ` +
      `${view.getInt32(0, true)}, ${view.getInt32(4, true)}, ${view.getInt32(8, true)} as little-endian) make no sense in either byte order`,
  );
}

/** Reverses the bytes of each element in place; `bytes` must start on an element boundary of an aligned buffer. */
export function swapBytesInPlace(bytes: Uint8Array, elementSize: number): void {
  if (elementSize === 1) return;
  if (bytes.byteOffset % elementSize !== 0 || bytes.byteLength % elementSize !== 0) {
    throw new Error(`byte swap needs ${elementSize}-byte aligned data`);
  }
  const count = bytes.byteLength / elementSize;
  if (elementSize === 2) {
    const words = new Uint16Array(bytes.buffer, bytes.byteOffset, count);
    for (let i = 0; i < count; i++) {
      const w = words[i]!;
      words[i] = ((w & 0xff) << 8) | (w >>> 8);
    }
    return;
  }
  if (elementSize === 4) {
    const words = new Uint32Array(bytes.buffer, bytes.byteOffset, count);
    for (let i = 0; i < count; i++) {
      const w = words[i]!;
      words[i] = ((w & 0xff) << 24) | ((w & 0xff00) << 8) | ((w >>> 8) & 0xff00) | (w >>> 24);
    }
    return;
  }
  throw new Error(`cannot swap ${elementSize}-byte elements`);
}
