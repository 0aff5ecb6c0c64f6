import { useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { WRITABLE_FORMATS, type CoordinateFormat } from '../../core/io/coords/registry.ts';
import { picksForExport, picksToRecords, type ExportStatusChoice } from '../../core/picks/export-selection.ts';
import { useJobsStore } from '../../state/jobs-store.ts';
import { picksStore } from '../../state/picks-store.ts';
import { activeTomogram, useProjectStore, type TomogramEntry } from '../../state/project-store.ts';
import {
  OPTIMISATION_SET_STAR,
  TOMOGRAMS_STAR,
  canSaveToFile,
  defaultExportMetadata,
  defaultFileName,
  exportText,
  firstLines,
  formatInfo,
  metadataProblem,
  relionCompanions,
  saveToFile,
  type ExportMetadata,
} from '../actions/export-coordinates.ts';

const PREVIEW_LINES = 24;
/** Rewriting waits for typing to pause; a 100k-pick file takes about a second in the worker. */
const REWRITE_DELAY_MS = 200;

/** "Export…" button and its dialog over the active tomogram's picks. */
export function ExportDialog() {
  const tomogram = useProjectStore(activeTomogram);
  const [open, setOpen] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    if (open && dialog.current && !dialog.current.open) dialog.current.showModal();
  }, [open]);

  return (
    <>
      <button type="button" disabled={!tomogram} onClick={() => setOpen(true)} data-testid="export">
        Export…
      </button>
      <dialog ref={dialog} className="export-dialog" onClose={() => setOpen(false)} data-testid="export-dialog">
        {open && tomogram ? <ExportForm key={tomogram.id} tomogram={tomogram} onDone={() => dialog.current?.close()} /> : null}
      </dialog>
    </>
  );
}

type Output = { state: 'writing' } | { state: 'ready'; text: string } | { state: 'error'; message: string };

function ExportForm({ tomogram, onDone }: { tomogram: TomogramEntry; onDone: () => void }) {
  const classes = useProjectStore((s) => s.classes);
  const picks = useStore(picksStore, (s) => s.picks);
  const initial = useMemo(() => defaultExportMetadata(tomogram), [tomogram]);
  const [format, setFormat] = useState<CoordinateFormat>(WRITABLE_FORMATS[0] ?? 'relion5');
  const [tomoName, setTomoName] = useState(initial.tomoName);
  const [voxel, setVoxel] = useState(String(initial.voxelSize));
  const [size, setSize] = useState(initial.size.map(String));
  const [binning, setBinning] = useState(String(initial.binning));
  const [fileName, setFileName] = useState<string | undefined>(undefined);
  const [status, setStatus] = useState<ExportStatusChoice>('accepted');
  const [classId, setClassId] = useState<number | undefined>(undefined);
  const [written, setWritten] = useState<(Output & { request: object }) | undefined>(undefined);

  const needs = formatInfo(format).needs;
  const meta: ExportMetadata = useMemo(
    () => ({ tomoName, voxelSize: Number(voxel), size: size.map(Number) as [number, number, number], binning: Number(binning) }),
    [tomoName, voxel, size, binning],
  );
  const problem = metadataProblem(format, meta);
  const selected = useMemo(
    () => picksForExport(picks, { tomogram: tomogram.id, status, ...(classId === undefined ? {} : { classId }) }),
    [picks, tomogram.id, status, classId],
  );
  const name = fileName ?? defaultFileName(format, tomoName.trim() || 'tomogram');

  // The written text belongs to one request; a stale or pending one shows as "writing…".
  const request = useMemo(() => ({ format, meta, selected, classes }), [format, meta, selected, classes]);
  useEffect(() => {
    if (problem) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      const { format: f, meta: m } = request;
      exportText(f, picksToRecords(request.selected, request.classes, m.tomoName.trim()), m, controller.signal).then(
        (text) => !controller.signal.aborted && setWritten({ request, state: 'ready', text }),
        (err: Error) => !controller.signal.aborted && setWritten({ request, state: 'error', message: err.message }),
      );
    }, REWRITE_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [request, problem]);
  const output: Output = problem
    ? { state: 'error', message: `Cannot write ${formatInfo(format).label}: ${problem}` }
    : written?.request === request
      ? written
      : { state: 'writing' };

  const text = output.state === 'ready' ? output.text : undefined;
  const mime = formatInfo(format).mime;
  const fileUrl = useBlobUrl(text, mime);
  const companions = useMemo(
    () => (format === 'relion5' && !problem ? relionCompanions(meta, name) : undefined),
    [format, problem, meta, name],
  );
  const tomogramsUrl = useBlobUrl(companions?.tomogramsStar, 'text/plain');
  const optimisationUrl = useBlobUrl(companions?.optimisationSet, 'text/plain');

  const save = () => {
    if (text === undefined) return;
    saveToFile(new Blob([text], { type: mime }), name).then(
      (saved) => saved && onDone(),
      (err: Error) => useJobsStore.getState().notify('error', `Saving ${name} failed: ${err.message}`),
    );
  };

  return (
    <form method="dialog" className="export-form" onSubmit={(e) => e.preventDefault()}>
      <h2>Export picks of {tomogram.name}</h2>
      <div className="export-grid">
        <label>
          format
          <select value={format} onChange={(e) => setFormat(e.target.value as CoordinateFormat)} data-testid="export-format">
            {WRITABLE_FORMATS.map((f) => (
              <option key={f} value={f}>
                {formatInfo(f).label}
              </option>
            ))}
          </select>
        </label>
        <label>
          picks
          <select value={status} onChange={(e) => setStatus(e.target.value as ExportStatusChoice)} data-testid="export-status">
            <option value="accepted">accepted only</option>
            <option value="not-rejected">all but rejected</option>
            <option value="all">all</option>
          </select>
        </label>
        <label>
          class
          <select
            value={classId ?? ''}
            onChange={(e) => setClassId(e.target.value === '' ? undefined : Number(e.target.value))}
            data-testid="export-class"
          >
            <option value="">all classes</option>
            {classes.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        {needs.includes('tomoName') && (
          <label>
            tomogram name
            <input type="text" value={tomoName} onChange={(e) => setTomoName(e.target.value)} data-testid="export-tomo-name" />
          </label>
        )}
        {needs.includes('voxelSize') && (
          <label>
            voxel size (Å)
            <input type="number" step="any" min={0} value={voxel} onChange={(e) => setVoxel(e.target.value)} data-testid="export-voxel" />
          </label>
        )}
        {needs.includes('size') && (
          <label>
            size (voxels)
            <span className="export-size">
              {(['x', 'y', 'z'] as const).map((axis, i) => (
                <input
                  key={axis}
                  type="number"
                  min={1}
                  step={1}
                  aria-label={`size ${axis}`}
                  value={size[i]}
                  onChange={(e) => setSize(size.map((s, j) => (j === i ? e.target.value : s)))}
                  data-testid={`export-size-${axis}`}
                />
              ))}
            </span>
          </label>
        )}
        {needs.includes('binning') && (
          <label title="Tomogram voxel / tilt-series pixel">
            binning
            <input type="number" step="any" min={0} value={binning} onChange={(e) => setBinning(e.target.value)} data-testid="export-binning" />
          </label>
        )}
        <label>
          file name
          <input type="text" value={name} onChange={(e) => setFileName(e.target.value)} data-testid="export-filename" />
        </label>
      </div>
      {needs.includes('binning') && !problem && (
        <p className="export-note">
          tilt series: {meta.size.map((n) => Math.round(n * meta.binning)).join(' × ')} pixels of {+(meta.voxelSize / meta.binning).toFixed(4)} Å
        </p>
      )}
      <p className="export-count" data-testid="export-count">
        {selected.length.toLocaleString('en-US')} pick{selected.length === 1 ? '' : 's'}
        {selected.length === 0 && status === 'accepted' ? ' (none accepted yet: choose “all but rejected” to include candidates)' : ''}
      </p>
      <pre className={`export-preview${output.state === 'error' ? ' error' : ''}`} data-testid="export-preview">
        {output.state === 'ready' ? firstLines(output.text, PREVIEW_LINES) : output.state === 'error' ? output.message : 'writing…'}
      </pre>
      <div className="export-actions">
        {fileUrl ? (
          <a className="button" href={fileUrl} download={name} data-testid="export-download">
            Download
          </a>
        ) : (
          <button type="button" disabled>
            Download
          </button>
        )}
        {canSaveToFile(window) && (
          <button type="button" disabled={text === undefined} onClick={save} data-testid="export-save">
            Save to file…
          </button>
        )}
        {tomogramsUrl && optimisationUrl && (
          <>
            <a className="button" href={tomogramsUrl} download={TOMOGRAMS_STAR} data-testid="export-tomograms-star">
              {TOMOGRAMS_STAR}
            </a>
            <a className="button" href={optimisationUrl} download={OPTIMISATION_SET_STAR} data-testid="export-optimisation-set">
              {OPTIMISATION_SET_STAR}
            </a>
          </>
        )}
        <button type="button" onClick={onDone} data-testid="export-close">
          Close
        </button>
      </div>
    </form>
  );
}

/** An object URL for the text, revoked when the text changes or the dialog closes. */
function useBlobUrl(text: string | undefined, type: string): string | undefined {
  const url = useMemo(() => (text === undefined ? undefined : URL.createObjectURL(new Blob([text], { type }))), [text, type]);
  useEffect(() => () => {
    if (url) URL.revokeObjectURL(url);
  }, [url]);
  return url;
}
