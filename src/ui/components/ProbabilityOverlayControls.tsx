import { usePredictionStore } from '../../state/prediction-store.ts';

/**
 * Show/hide the last prediction's class probabilities (slice overlay + 3D surfaces), their opacity
 * and the threshold (also the 3D isosurface level). Shown once this tomogram has a prediction.
 */
export function ProbabilityOverlayControls({ tomogramId }: { tomogramId: string }) {
  const maps = usePredictionStore((s) => s.byTomogram[tomogramId]);
  const overlay = usePredictionStore((s) => s.overlay);
  const setOverlay = usePredictionStore((s) => s.setOverlay);
  if (!maps) return null;
  return (
    <div className="probability-overlay-controls row" data-testid="probability-overlay">
      <label title={`Class probabilities from ${maps.modelName}, over the slices and as surfaces in 3D`}>
        <input type="checkbox" checked={overlay.visible} onChange={(e) => setOverlay({ visible: e.target.checked })} data-testid="overlay-toggle" />
        probabilities
      </label>
      <label title="Probabilities below this are not shown; also the 3D surface level">
        ≥ {overlay.threshold.toFixed(2)}
        <input type="range" min={0.05} max={0.95} step={0.05} value={overlay.threshold} onChange={(e) => setOverlay({ threshold: Number(e.target.value) })} data-testid="overlay-threshold" />
      </label>
      <label title="Opacity of a voxel at probability 1">
        opacity
        <input type="range" min={0.1} max={1} step={0.05} value={overlay.opacity} onChange={(e) => setOverlay({ opacity: Number(e.target.value) })} data-testid="overlay-opacity" />
      </label>
    </div>
  );
}
