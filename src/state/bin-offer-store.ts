import { create } from 'zustand';
import type { BinFactor } from '../core/volume/bin.ts';
import type { BinOffer } from '../core/volume/bin-suggestion.ts';

/** A question waiting for the user: open this big tomogram binned? `answer(null)` = don't open. */
export interface PendingBinOffer {
  fileName: string;
  dims: [number, number, number];
  offer: BinOffer;
  answer(bin: BinFactor | null): void;
}

interface BinOfferState {
  pending: PendingBinOffer[];
}

export const useBinOfferStore = create<BinOfferState>(() => ({ pending: [] }));

/** Asks (through BinOfferDialog) and resolves with the user's choice. */
export function askBin(question: Omit<PendingBinOffer, 'answer'>): Promise<BinFactor | null> {
  return new Promise((resolve) => {
    const entry: PendingBinOffer = {
      ...question,
      answer: (bin) => {
        useBinOfferStore.setState((s) => ({ pending: s.pending.filter((p) => p !== entry) }));
        resolve(bin);
      },
    };
    useBinOfferStore.setState((s) => ({ pending: [...s.pending, entry] }));
  });
}
