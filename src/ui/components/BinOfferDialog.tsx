import { useEffect, useRef } from 'react';
import { useBinOfferStore } from '../../state/bin-offer-store.ts';

const size = (bytes: number) => (bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(1)} GB` : `${Math.max(1, Math.round(bytes / 1024 ** 2))} MB`);

/** Offers to bin a tomogram too big for comfort before it is read (one question at a time). */
export function BinOfferDialog() {
  const question = useBinOfferStore((s) => s.pending[0]);
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    if (question && dialog.current && !dialog.current.open) dialog.current.showModal();
    if (!question && dialog.current?.open) dialog.current.close();
  }, [question]);
  if (!question) return <dialog ref={dialog} className="bin-offer" />;
  const { fileName, dims, offer } = question;
  const other = offer.suggested === 2 ? 4 : 2;
  return (
    <dialog ref={dialog} className="bin-offer" data-testid="bin-offer" onCancel={() => question.answer(null)}>
      <p>
        <strong>{fileName}</strong> is {dims.join(' × ')} voxels: {size(offer.fullBytes)} in memory, and the studio keeps copies for its
        background work. Binning averages 2×2×2 (or 4×4×4) blocks while reading, so the full-size volume is never held.
      </p>
      <div className="row">
        <button autoFocus data-testid="bin-offer-suggested" onClick={() => question.answer(offer.suggested)}>
          Open binned {offer.suggested}× ({size(offer.suggestedBytes)})
        </button>
        <button data-testid="bin-offer-other" onClick={() => question.answer(other)}>
          Binned {other}× ({size(offer.fullBytes / other ** 3)})
        </button>
        <button data-testid="bin-offer-full" onClick={() => question.answer(1)}>
          Full size
        </button>
        <button data-testid="bin-offer-cancel" onClick={() => question.answer(null)}>
          Cancel
        </button>
      </div>
    </dialog>
  );
}
