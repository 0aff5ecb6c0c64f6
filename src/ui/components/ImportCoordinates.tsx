import { useState } from 'react';
import { useProjectStore } from '../../state/project-store.ts';
import { COORDINATE_FILE_EXTENSIONS, importCoordinateFiles, type ImportCoordinatesOptions } from '../actions/import-coordinates.ts';

const ACCEPT = COORDINATE_FILE_EXTENSIONS.join(',');

/**
 * "Import coordinates…" onto the active tomogram (every readable format; a tomograms.star picked
 * together supplies RELION sizes), with the options some files need.
 */
export function ImportCoordinates() {
  const hasTomogram = useProjectStore((s) => s.activeTomogramId !== undefined);
  const [centerMinusOne, setCenterMinusOne] = useState(false);
  const [binning, setBinning] = useState('');
  const [skipBadRows, setSkipBadRows] = useState(false);
  const [status, setStatus] = useState<NonNullable<ImportCoordinatesOptions['status']>>('accepted');

  const options = (): ImportCoordinatesOptions => {
    const chosen: ImportCoordinatesOptions = { centerMinusOne, skipBadRows, status };
    const bin = Number(binning);
    if (binning.trim() !== '' && bin > 0) chosen.binning = bin;
    return chosen;
  };

  return (
    <div className="import-coords">
      <label className={`button${hasTomogram ? '' : ' disabled'}`} title="STAR (RELION 3–5), CSV, IMOD, copick, CZ portal ndjson, Dynamo, DeepFinder, SHREC">
        Import coordinates…
        <input
          type="file"
          accept={ACCEPT}
          multiple
          disabled={!hasTomogram}
          data-testid="import-coords"
          onChange={(e) => {
            if (e.target.files?.length) void importCoordinateFiles(Array.from(e.target.files), options());
            e.target.value = '';
          }}
        />
      </label>
      <details className="import-options">
        <summary>options</summary>
        <label title="Files from RELION's own picker centre at n/2 − 1 tilt-series pixel">
          <input type="checkbox" checked={centerMinusOne} onChange={(e) => setCenterMinusOne(e.target.checked)} data-testid="import-center-minus-one" />
          RELION 5: centre − 1 pixel
        </label>
        <label title="Tomogram voxel / tilt-series pixel; blank: from tomograms.star, else 1">
          RELION 4 binning
          <input type="number" min={0.01} step="any" value={binning} placeholder="auto" onChange={(e) => setBinning(e.target.value)} data-testid="import-binning" />
        </label>
        <label>
          <input type="checkbox" checked={skipBadRows} onChange={(e) => setSkipBadRows(e.target.checked)} data-testid="import-skip-bad-rows" />
          skip malformed rows
        </label>
        <label>
          import as
          <select value={status} onChange={(e) => setStatus(e.target.value as typeof status)} data-testid="import-status">
            <option value="accepted">accepted</option>
            <option value="candidate">candidates to review</option>
          </select>
        </label>
      </details>
    </div>
  );
}
