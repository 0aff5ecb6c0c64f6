/**
 * Test support: writes small uncompressed multi-page grayscale TIFFs (one strip per page) in
 * either byte order, with an optional ImageDescription and X/YResolution, so the TIFF reader is
 * unit-tested on files whose content is known exactly. Not used by the product.
 */
export interface TiffFixturePage {
  width: number;
  height: number;
  bitsPerSample: 8 | 16 | 32;
  /** 1 = unsigned, 2 = signed, 3 = float. */
  sampleFormat: 1 | 2 | 3;
  samples: ArrayLike<number>;
}

export interface TiffFixtureOptions {
  littleEndian?: boolean;
  description?: string;
  /** Pixels per unit for X/YResolution (written as a rational ×1e6). */
  resolution?: number;
  resolutionUnit?: 1 | 2 | 3;
}

function writeSample(view: DataView, offset: number, page: TiffFixturePage, value: number, le: boolean): void {
  const { bitsPerSample: bits, sampleFormat: fmt } = page;
  if (bits === 8) return fmt === 2 ? view.setInt8(offset, value) : view.setUint8(offset, value);
  if (bits === 16) return fmt === 2 ? view.setInt16(offset, value, le) : view.setUint16(offset, value, le);
  if (fmt === 3) return view.setFloat32(offset, value, le);
  return fmt === 2 ? view.setInt32(offset, value, le) : view.setUint32(offset, value, le);
}

export function writeTiffFixture(pages: TiffFixturePage[], options: TiffFixtureOptions = {}): Uint8Array {
  const le = options.littleEndian ?? true;
  const text = options.description === undefined ? undefined : new TextEncoder().encode(`${options.description}\0`);
  const entryCount = 10 + (text ? 1 : 0) + (options.resolution ? 3 : 0);
  const ifdBytes = 2 + entryCount * 12 + 4;
  const extraBytes = (text?.length ?? 0) + (options.resolution ? 16 : 0);
  const pageBytes = pages.map((p) => p.width * p.height * (p.bitsPerSample / 8));
  const total = 8 + pages.reduce((sum, _, k) => sum + ifdBytes + extraBytes + pageBytes[k]!, 0);
  const out = new Uint8Array(total + 4);
  const view = new DataView(out.buffer);
  out.set(le ? [0x49, 0x49] : [0x4d, 0x4d], 0);
  view.setUint16(2, 42, le);
  view.setUint32(4, 8, le);
  let at = 8;
  pages.forEach((page, k) => {
    const ifd = at;
    const extra = ifd + ifdBytes;
    const data = extra + extraBytes;
    const entries: [number, number, number, number][] = [
      [256, 4, 1, page.width],
      [257, 4, 1, page.height],
      [258, 3, 1, page.bitsPerSample],
      [259, 3, 1, 1],
      [262, 3, 1, 1],
      [273, 4, 1, data],
      [277, 3, 1, 1],
      [278, 4, 1, page.height],
      [279, 4, 1, pageBytes[k]!],
    ];
    let extraAt = extra;
    if (text) {
      entries.push([270, 2, text.length, extraAt]);
      out.set(text, extraAt);
      extraAt += text.length;
    }
    if (options.resolution) {
      for (const tag of [282, 283]) {
        entries.push([tag, 5, 1, extraAt]);
        view.setUint32(extraAt, Math.round(options.resolution * 1e6), le);
        view.setUint32(extraAt + 4, 1e6, le);
        extraAt += 8;
      }
      entries.push([296, 3, 1, options.resolutionUnit ?? 1]);
    }
    entries.push([339, 3, 1, page.sampleFormat]);
    entries.sort((a, b) => a[0] - b[0]);
    view.setUint16(ifd, entries.length, le);
    entries.forEach(([tag, type, count, value], e) => {
      const o = ifd + 2 + e * 12;
      view.setUint16(o, tag, le);
      view.setUint16(o + 2, type, le);
      view.setUint32(o + 4, count, le);
      if (type === 3 && count === 1) view.setUint16(o + 8, value, le);
      else view.setUint32(o + 8, value, le);
    });
    const step = page.bitsPerSample / 8;
    for (let i = 0; i < page.width * page.height; i++) writeSample(view, data + i * step, page, page.samples[i]!, le);
    at = data + pageBytes[k]!;
    view.setUint32(ifd + 2 + entries.length * 12, k + 1 < pages.length ? at : 0, le);
  });
  return out.subarray(0, at);
}
