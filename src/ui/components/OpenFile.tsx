import { useState } from 'react';
import { openTomogramFile } from '../../../workers/io.client.ts';
import { loadTomogram } from '../actions/load-tomogram.ts';
import { chooseBin } from '../actions/choose-bin.ts';
import { rememberOpenedFile } from '../actions/project-persistence.ts';

const ACCEPT = '.mrc,.rec,.st,.map,.ccp4,.mrcs,.ali,.gz,.tif,.tiff';

export function openFiles(files: FileList | File[], requested: 1 | 2 | 4): void {
  for (const file of Array.from(files)) {
    void chooseBin(file, requested).then(async (bin) => {
      if (bin === null) return;
      const id = await loadTomogram(`Opening ${file.name}`, (options) => openTomogramFile(file, file.name, bin, options));
      if (id !== undefined) await rememberOpenedFile(id, file, bin);
    });
  }
}

/** File picker plus the bin-on-load choice for tomograms bigger than memory allows. */
export function OpenFile() {
  const [bin, setBin] = useState<1 | 2 | 4>(1);
  return (
    <div className="open-file">
      <label className="button">
        Open tomogram…
        <input
          type="file"
          accept={ACCEPT}
          multiple
          data-testid="open-file"
          onChange={(e) => {
            if (e.target.files) openFiles(e.target.files, bin);
            e.target.value = '';
          }}
        />
      </label>
      <label>
        bin
        <select value={bin} onChange={(e) => setBin(Number(e.target.value) as 1 | 2 | 4)} data-testid="bin-on-load">
          <option value={1}>1×</option>
          <option value={2}>2×</option>
          <option value={4}>4×</option>
        </select>
      </label>
    </div>
  );
}
