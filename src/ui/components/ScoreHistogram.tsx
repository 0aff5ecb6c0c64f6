import { useMemo } from 'react';

const BINS = 60;

/** Histogram of scores as an SVG, with the threshold drawn; click sets the threshold. */
export function ScoreHistogram({ scores, threshold, onThreshold }: { scores: Float32Array; threshold: number; onThreshold: (t: number) => void }) {
  const { counts, min, max } = useMemo(() => {
    let lo = Infinity;
    let hi = -Infinity;
    for (const s of scores) {
      if (s < lo) lo = s;
      if (s > hi) hi = s;
    }
    const c = new Array<number>(BINS).fill(0);
    const width = hi > lo ? hi - lo : 1;
    for (const s of scores) c[Math.min(BINS - 1, Math.floor(((s - lo) / width) * BINS))]! += 1;
    return { counts: c, min: lo, max: hi > lo ? hi : lo + 1 };
  }, [scores]);
  const peak = Math.max(1, ...counts);
  const x = (v: number) => ((v - min) / (max - min)) * 100;
  return (
    <svg
      className="score-histogram"
      viewBox="0 0 100 30"
      preserveAspectRatio="none"
      data-testid="score-histogram"
      onClick={(e) => {
        const rect = e.currentTarget.getBoundingClientRect();
        onThreshold(min + ((e.clientX - rect.left) / rect.width) * (max - min));
      }}
    >
      {counts.map((c, i) => (
        <rect key={i} x={(i * 100) / BINS} width={100 / BINS} y={30 - (Math.sqrt(c) / Math.sqrt(peak)) * 30} height={(Math.sqrt(c) / Math.sqrt(peak)) * 30} />
      ))}
      <line x1={x(threshold)} x2={x(threshold)} y1={0} y2={30} />
    </svg>
  );
}
