/**
 * The bin factor to open a file with: what the user chose, or — when they chose full size and the
 * header says the volume is bigger than the studio should hold — what they answer to the offer to
 * bin it. Reads only the header (1 KiB); files whose size is unknown before decoding (gzip, TIFF)
 * open as asked.
 */
import { mrcFootprint } from '../../core/io/mrc/mrc-memory-size.ts';
import type { BinFactor } from '../../core/volume/bin.ts';
import { binOffer } from '../../core/volume/bin-suggestion.ts';
import { askBin } from '../../state/bin-offer-store.ts';

const HEADER_BYTES = 1024;
const MRC_LIKE = /\.(mrc|rec|st|map|ccp4|mrcs|ali)$/i;

export async function chooseBin(file: File, requested: BinFactor): Promise<BinFactor | null> {
  if (requested !== 1 || !MRC_LIKE.test(file.name)) return requested;
  const header = new Uint8Array(await file.slice(0, HEADER_BYTES).arrayBuffer());
  const footprint = mrcFootprint(header, file.size);
  const offer = footprint ? binOffer(footprint.bytes) : null;
  if (!footprint || !offer) return requested;
  return askBin({ fileName: file.name, dims: footprint.dims, offer });
}
