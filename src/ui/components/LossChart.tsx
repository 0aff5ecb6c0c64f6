import type { LossPoint, ValidationPoint } from '../../state/training-store.ts';

const W = 240;
const H = 90;
const PAD = 4;

function path(points: readonly [number, number][]): string {
  return points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`).join('');
}

/**
 * Training curves as one SVG: raw loss (faint) and smoothed loss on a linear scale from 0 to the
 * largest loss, the meta modes' clean validation loss (dashed, same scale), validation F1 per class
 * (0–1, in the class colour) against the same step axis.
 */
export function LossChart({
  losses,
  validation,
  metaValidation = [],
  steps,
  colorOf,
}: {
  losses: readonly LossPoint[];
  validation: readonly ValidationPoint[];
  /** Upper-level loss of each meta update (RobPicker modes). */
  metaValidation?: readonly { step: number; loss: number }[];
  steps: number;
  colorOf: (classId: number) => string;
}) {
  if (losses.length === 0) return null;
  const maxLoss = Math.max(...losses.map((p) => p.loss), ...metaValidation.map((p) => p.loss), 1e-6);
  const x = (step: number) => PAD + ((W - 2 * PAD) * step) / Math.max(1, steps);
  const y = (value: number, max: number) => H - PAD - ((H - 2 * PAD) * Math.min(value, max)) / max;
  const classIds = [...new Set(validation.flatMap((v) => v.f1.map((c) => c.classId)))];
  return (
    <svg className="loss-chart" data-testid="loss-chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label="Training loss and validation F1 per class">
      <path className="raw" d={path(losses.map((p) => [x(p.step), y(p.loss, maxLoss)]))} />
      <path className="smoothed" d={path(losses.map((p) => [x(p.step), y(p.smoothed, maxLoss)]))} />
      {metaValidation.length > 0 && <path className="meta-validation" data-testid="meta-validation-loss" d={path(metaValidation.map((p) => [x(p.step), y(p.loss, maxLoss)]))} />}
      {classIds.map((id) => {
        const points = validation.flatMap((v) => v.f1.filter((c) => c.classId === id && Number.isFinite(c.f1)).map((c) => [x(v.step), y(c.f1, 1)] as [number, number]));
        return (
          <g key={id} stroke={colorOf(id)}>
            <path className="f1" d={path(points)} />
            {points.map(([px, py], i) => (
              <circle key={i} cx={px} cy={py} r={1.8} fill={colorOf(id)} />
            ))}
          </g>
        );
      })}
      <text x={PAD + 2} y={11}>
        loss ≤ {maxLoss.toPrecision(2)}
      </text>
      {classIds.length > 0 && (
        <text x={W - PAD - 2} y={11} textAnchor="end">
          F1 0–1
        </text>
      )}
    </svg>
  );
}
