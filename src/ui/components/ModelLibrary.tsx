import { useCallback, useEffect, useState } from 'react';
import type { StoredModel } from '../../state/persistence/model-db.ts';
import { useJobsStore } from '../../state/jobs-store.ts';
import { useTrainingStore } from '../../state/training-store.ts';
import { currentToStored, exportModel, fetchDemoModel, hasLabelCorrection, modelDb, readModelFiles, storedToCurrent } from '../actions/model-storage.ts';

/** Save / load / delete models in IndexedDB; export and import them as model.json + weights.bin. */
export function ModelLibrary() {
  const model = useTrainingStore((s) => s.model);
  const setModel = useTrainingStore((s) => s.setModel);
  const [saved, setSaved] = useState<StoredModel[]>([]);
  const notify = useJobsStore((s) => s.notify);

  const refresh = useCallback(async () => {
    try {
      setSaved(await (await modelDb()).listModels());
    } catch (err) {
      notify('warning', `Saved models unavailable: ${(err as Error).message}`);
    }
  }, [notify]);
  useEffect(() => {
    let live = true;
    modelDb()
      .then((db) => db.listModels())
      .then(
        (list) => live && setSaved(list),
        (err: Error) => notify('warning', `Saved models unavailable: ${err.message}`),
      );
    return () => {
      live = false;
    };
  }, [notify]);

  const save = async () => {
    if (!model) return;
    try {
      await (await modelDb()).saveModel(currentToStored(model, Date.now().toString(36), new Date().toISOString()));
      notify('info', `Saved “${model.name}”`);
      await refresh();
    } catch (err) {
      notify('error', `Cannot save the model: ${(err as Error).message}`);
    }
  };

  const remove = async (id: string) => {
    await (await modelDb()).deleteModel(id);
    await refresh();
  };

  const load = (stored: StoredModel) => {
    try {
      setModel(storedToCurrent(stored));
    } catch (err) {
      notify('error', `Cannot load “${stored.name}”: ${(err as Error).message}`);
    }
  };

  const loadDemo = async () => {
    try {
      setModel(await fetchDemoModel());
      notify('info', 'Loaded the demo model (trained on simulated tomograms at 10 Å/voxel)');
    } catch (err) {
      notify('error', `Cannot load the demo model: ${(err as Error).message}`);
    }
  };

  const importFiles = async (files: FileList | null) => {
    if (!files || files.length === 0) return;
    try {
      const imported = await readModelFiles(Array.from(files));
      setModel(imported);
      notify('info', `Imported “${imported.name}”`);
    } catch (err) {
      notify('error', `Cannot import the model: ${(err as Error).message}`);
    }
  };

  return (
    <div className="model-library">
      {model && (
        <p className="muted" data-testid="current-model" title={model.description}>
          Model: {model.name} — {model.description}
          {hasLabelCorrection(model.metaState) ? ' · with label correction' : ''}
        </p>
      )}
      <div className="row">
        <button type="button" onClick={save} disabled={!model} data-testid="model-save">
          Save model
        </button>
        <button type="button" onClick={() => model && exportModel(model)} disabled={!model} data-testid="model-export">
          Export
        </button>
        <button type="button" onClick={() => void loadDemo()} data-testid="model-demo" title="A small U-Net trained by Tomopick on simulated tomograms (ribosome, proteasome, lobed, tiny)">
          Demo model
        </button>
        <label className="file-button">
          Import files…
          <input type="file" multiple accept=".json,.bin" onChange={(e) => void importFiles(e.target.files)} data-testid="model-import" hidden />
        </label>
        <label className="file-button">
          Import folder…
          <input type="file" {...{ webkitdirectory: '' }} onChange={(e) => void importFiles(e.target.files)} data-testid="model-import-folder" hidden />
        </label>
      </div>
      {saved.length > 0 && (
        <ul className="saved-models" data-testid="saved-models">
          {saved.map((m) => (
            <li key={m.id}>
              <button type="button" className="link" onClick={() => load(m)} title="Use this model">
                {m.name}
              </button>
              <span className="muted">
                {' '}
                {new Date(m.savedAt).toLocaleString()}
                {hasLabelCorrection(m.metaState) ? ' · with label correction' : ''}
              </span>
              <button type="button" className="link" onClick={() => void remove(m.id)} aria-label={`Delete ${m.name}`}>
                ✕
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
