/** The U-Net's files in a folder: model.json + weights.bin, and a checkpoint beside them. */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CliError } from './command.ts';
import { parseModelJson, WEIGHTS_FILE, type ModelJson, type SerializedModel } from '../ml/io/model-format.ts';
import type { CheckpointMeta, PackedTensors } from '../ml/io/checkpoint-format.ts';

const MODEL_FILE = 'model.json';
const CHECKPOINT_FILE = 'checkpoint.json';
const OPTIMIZER_FILE = 'optimizer.bin';

/** Write to a temporary name then rename: a run killed mid-write never leaves a torn model. */
async function writeAtomic(path: string, data: string | Uint8Array): Promise<void> {
  await writeFile(`${path}.partial`, data);
  await rename(`${path}.partial`, path);
}

export async function writeModelFolder(dir: string, model: SerializedModel): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeAtomic(join(dir, WEIGHTS_FILE), new Uint8Array(model.weights));
  await writeAtomic(join(dir, MODEL_FILE), `${JSON.stringify(model.json, null, 2)}\n`);
}

/** Rewrites model.json alone (e.g. calibrated thresholds); the weights stay as they are. */
export async function writeModelJson(dir: string, json: ModelJson): Promise<void> {
  await writeAtomic(join(dir, MODEL_FILE), `${JSON.stringify(json, null, 2)}\n`);
}

export async function readModelFolder(dir: string): Promise<{ json: ModelJson; weights: ArrayBuffer }> {
  let text: string;
  let bytes: Buffer;
  try {
    text = await readFile(join(dir, MODEL_FILE), 'utf8');
    bytes = await readFile(join(dir, WEIGHTS_FILE));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CliError(`cannot read the model in ${dir}: ${code === 'ENOENT' ? `no ${MODEL_FILE} + ${WEIGHTS_FILE} there` : (err as Error).message}`);
  }
  try {
    return { json: parseModelJson(text), weights: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer };
  } catch (err) {
    throw new CliError(`${dir}: ${(err as Error).message}`);
  }
}

export async function writeCheckpoint(dir: string, model: SerializedModel, meta: CheckpointMeta, optimizer: PackedTensors): Promise<void> {
  await writeModelFolder(dir, model);
  await writeAtomic(join(dir, OPTIMIZER_FILE), new Uint8Array(optimizer.data));
  await writeAtomic(join(dir, CHECKPOINT_FILE), `${JSON.stringify(meta)}\n`);
}

export async function readCheckpoint(dir: string): Promise<{ meta: CheckpointMeta; optimizer: PackedTensors } | null> {
  let text: string;
  try {
    text = await readFile(join(dir, CHECKPOINT_FILE), 'utf8');
  } catch {
    return null;
  }
  const meta = JSON.parse(text) as CheckpointMeta;
  let bytes: Buffer;
  try {
    bytes = await readFile(join(dir, OPTIMIZER_FILE));
  } catch {
    throw new CliError(
      `${dir}: ${CHECKPOINT_FILE} is there but ${OPTIMIZER_FILE} is missing. It holds the optimiser state and, after an lc-only, dr-only or robpicker run, ` +
        'the label-correction and reweighting networks: the checkpoint can be neither resumed nor used for suggestions (the U-Net in model.json still predicts)',
      2,
    );
  }
  return { meta, optimizer: { index: meta.optimizerIndex, data: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer } };
}
