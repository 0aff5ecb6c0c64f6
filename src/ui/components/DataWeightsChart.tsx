import type { MetaPoint } from '../../state/training-store.ts';

const W = 240;
const H = 90;
const PAD = 4;
/** Exponential smoothing of each class's weight (as the loss curve: the raw per-step values are noisy). */
const SMOOTHING = 0.9;
const BACKGROUND_COLOR = '#9aa3b2';

function path(points: readonly [number, number][]): string {
  return points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`).join('');
}

/** Per class id, the smoothed weight at each step that reported one. */
export function smoothedWeights(meta: readonly MetaPoint[]): Map<number, { step: number; weight: number }[]> {
  const lines = new Map<number, { step: number; weight: number }[]>();
  for (const point of meta) {
    for (const [key, weight] of Object.entries(point.weightByClass ?? {})) {
      if (!Number.isFinite(weight)) continue;
      const id = Number(key);
      const line = lines.get(id) ?? [];
      const last = line.at(-1)?.weight;
      line.push({ step: point.step, weight: last === undefined ? weight : SMOOTHING * last + (1 - SMOOTHING) * weight });
      lines.set(id, line);
    }
  }
  return lines;
}

/**
 * "Data weights by class" (RobPicker Fig. 6b, live): the reweighting network's mean weight of the
 * patches around each class (0 = background patches) over the steps, smoothed; 1 = uniform. The
 * mean α of the label correction is shown beside it.
 */
export function DataWeightsChart({
  meta,
  steps,
  colorOf,
  nameOf,
}: {
  meta: readonly MetaPoint[];
  steps: number;
  colorOf: (classId: number) => string;
  nameOf: (classId: number) => string;
}) {
  const lines = smoothedWeights(meta);
  const alpha = meta.findLast((m) => m.meanAlpha !== null)?.meanAlpha ?? null;
  if (lines.size === 0 && alpha === null) return null;
  const maxWeight = Math.max(1.5, ...[...lines.values()].flatMap((l) => l.map((p) => p.weight)));
  const x = (step: number) => PAD + ((W - 2 * PAD) * step) / Math.max(1, steps);
  const y = (value: number) => H - PAD - ((H - 2 * PAD) * Math.min(value, maxWeight)) / maxWeight;
  const ids = [...lines.keys()].sort((a, b) => a - b);
  return (
    <div className="data-weights" data-testid="data-weights">
      {lines.size > 0 && (
        <svg className="loss-chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label="Data weights by class over the training steps" data-testid="data-weights-chart" data-classes={ids.join(',')}>
          <line className="uniform" x1={PAD} x2={W - PAD} y1={y(1)} y2={y(1)} />
          {ids.map((id) => (
            <path key={id} className="weight" stroke={id === 0 ? BACKGROUND_COLOR : colorOf(id)} d={path(lines.get(id)!.map((p) => [x(p.step), y(p.weight)]))}>
              <title>{id === 0 ? 'background' : nameOf(id)}</title>
            </path>
          ))}
          <text x={PAD + 2} y={11}>
            data weight by class (1 = uniform) ≤ {maxWeight.toPrecision(2)}
          </text>
        </svg>
      )}
      <p className="muted" data-testid="meta-alpha">
        {alpha !== null ? `mean α ${alpha.toFixed(3)} (label correction: 0 keeps the labels, 1 replaces them)` : ''}
      </p>
    </div>
  );
}
