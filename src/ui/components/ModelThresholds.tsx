import { useMemo } from 'react';
import { calibrationOf } from '../../../workers/train.client.ts';

/**
 * The model's per-class score thresholds and where they came from: predictions keep a class's
 * picks scoring at or above its threshold. An uncalibrated model gets a hint naming the
 * tomograms worth calibrating on (the validation ones with labels).
 */
export function ModelThresholds({ modelJson, validationNames }: { modelJson: string; validationNames: readonly string[] }) {
  const calibration = useMemo(() => calibrationOf(modelJson), [modelJson]);
  if (!calibration) {
    return (
      <p className="muted" data-testid="model-uncalibrated">
        No score thresholds yet: predictions keep every pick.
        {validationNames.length > 0 ? ` Open ${validationNames.join(' or ')} (validation) and calibrate on it.` : ' Calibrate on a completely picked tomogram the model did not train on.'}
      </p>
    );
  }
  return (
    <table className="model-thresholds" data-testid="model-thresholds" aria-label="Score thresholds">
      <caption className="muted">
        Score thresholds from {calibration.tomogram} ({new Date(calibration.createdAt).toLocaleString()})
      </caption>
      <thead>
        <tr>
          <th>class</th>
          <th title="picks of the class scoring below this are dropped">keep ≥</th>
          <th title="particles picked on the calibration tomogram">true</th>
          <th title="F1 on the calibration tomogram without and with the threshold">F1</th>
        </tr>
      </thead>
      <tbody>
        {calibration.classes.map((c) => (
          <tr key={c.id} data-class-id={c.id} data-min-score={c.minScore}>
            <td>{calibration.nameOf(c.id)}</td>
            <td>{c.minScore.toFixed(3)}</td>
            <td>{c.nTruth}</td>
            <td>
              {c.f1Before.toFixed(2)} → {c.f1After.toFixed(2)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
