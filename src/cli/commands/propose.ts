/**
 * `tomopick propose TOMO.mrc --diameter MIN,MAX …`: A-LoG particle proposals (src/core/proposals)
 * written as STAR/CSV with their scores and estimated diameters.
 */
import { writeFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { CliError, type CliCommand, type CliIO } from '../command.ts';
import { readVolume } from '../inputs.ts';
import { parseCommandArgs, parseNumberList, parsePositiveNumber } from '../parse-args.ts';
import { FORMAT_EXTENSIONS, writeCoordinates, type CoordinateRecord } from '../../core/io/coords/registry.ts';
import { normalizeTomogramName } from '../../core/io/coords/tomogram-name.ts';
import { computeProposalFieldWithFallback } from '../../core/proposals/field-with-fallback.ts';
import { CANDIDATE_SOURCES, DEFAULT_CANDIDATES, DEFAULT_COMPACTNESS, resolveTopK, selectProposals, type CandidateSource, type Polarity, type ProposalResult } from '../../core/proposals/propose.ts';
import { hasHardwareGpu } from '../../gpu/node/hardware-gpu.ts';
import { openNodeLogBank } from '../../gpu/node/node-log-bank.ts';
import { FourierLogFilterBank } from '../../core/proposals/fourier-log-bank.ts';
import { MAX_FOURIER_THREADS } from '../../core/proposals/fourier-pass.ts';
import { defaultFourierThreads, openNodeFourierPool } from '../threads/fourier-pool.ts';
import { voxelValue, type Volume } from '../../core/volume/volume.ts';

const usage = `Usage: tomopick propose TOMO.mrc --diameter MIN,MAX [options]

A-LoG proposals without training (UPicker's adaptive Laplacian-of-Gaussian generator in 3D):
11 LoG scales around the diameter range (more on a range wider than 2.25×), the maxima of the
response in space and scale inside the range above a threshold, strongest first with the sphere
of each pick's diameter suppressed, inside an automatic mask (gold, contamination, sample slab).
See src/core/proposals/README.md.

Options:
  --diameter MIN,MAX     particle diameter range in Å (required)
  --top-k K              keep the K strongest proposals (default: all above the threshold)
  --expected N           expected particle count: K = 1.5 × N (when --top-k is not given)
  --threshold T          threshold on the normalised LoG score (default: mean over local maxima)
  --mask auto|none|FILE  automatic mask (default), none, or an MRC mask of the tomogram's size
                         (voxels > 0.5 are kept)
  --polarity dark|bright dark particles on a light background (default: dark, as reconstructed)
  --no-compactness       rank by LoG alone (UPicker's score); by default the LoG is weighted by
                         the Hessian's compactness, so sheets (the CTF's dark fringes around dense
                         particles) lose score: better for small particles at low SNR
  --candidates scale-space|projection
                         where candidates are found: maxima in space and scale (default), or
                         UPicker's maxima of the best response over the scales (better on a very
                         wide range, worse on one species' range)
  --voxel Å              voxel size, when the file's header has none (or to override it)
  --backend auto|webgpu|cpu
                         filter bank: auto (default) = WebGPU through Dawn on a hardware GPU, else
                         the CPU (and the CPU again if the GPU fails); webgpu = WebGPU on any
                         adapter, SwiftShader included (no fallback); cpu = the CPU bank
  --threads N            worker threads for the CPU bank's transforms (default: the machine's
                         cores, at most ${MAX_FOURIER_THREADS}; 1 = all on the main thread)
  --out FILE             picks.star (RELION 5, score as rlnAutopickFigureOfMerit) or picks.csv
                         (score and diameter [Å] columns); other coordinate extensions work too
  --json                 print {threshold, defaultThreshold, proposals: [{x, y, z, score, logBest,
                         compactness, diameterAngstrom}], …} on stdout (score = logBest ×
                         min(1, compactness / 0.75); compactness 1 with --no-compactness)`;

function parseDiameter(text: string | undefined): [number, number] {
  if (text === undefined) throw new CliError(`--diameter MIN,MAX (Å) is required\n\n${usage}`, 2);
  const [min, max] = parseNumberList(text, 2, '--diameter') as [number, number];
  if (!(min > 0) || !(max > 0)) throw new CliError(`--diameter expects two positive numbers in Å, got "${text}"`, 2);
  if (min > max) throw new CliError(`--diameter: MIN (${min}) is larger than MAX (${max})`, 2);
  return [min, max];
}

function parseInteger(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new CliError(`${flag} expects a positive integer, got "${text}"`, 2);
  return n;
}

async function readMask(path: string, volume: Volume): Promise<Uint8Array> {
  const mask = await readVolume(path);
  if (mask.nx !== volume.nx || mask.ny !== volume.ny || mask.nz !== volume.nz) {
    throw new CliError(`--mask ${path} is ${mask.nx}×${mask.ny}×${mask.nz} but the tomogram is ${volume.nx}×${volume.ny}×${volume.nz}`);
  }
  const keep = new Uint8Array(mask.data.length);
  for (let i = 0; i < keep.length; i++) keep[i] = voxelValue(mask, i) > 0.5 ? 1 : 0;
  return keep;
}

function progressReporter(io: CliIO): (fraction: number, stage: string) => void {
  let last = -1;
  return (fraction, stage) => {
    const tenth = Math.floor(fraction * 10);
    if (tenth === last) return;
    last = tenth;
    io.stderr(`propose: ${Math.round(fraction * 100)}% ${stage}`);
  };
}

const round3 = (v: number) => Math.round(v * 1000) / 1000;

function toRecords(result: ProposalResult, tomogram: string): CoordinateRecord[] {
  return result.proposals.map((p) => ({
    tomogram,
    x: p.x,
    y: p.y,
    z: p.z,
    classId: 1,
    score: round3(p.score),
    extra: { diameter: String(round3(p.diameterAngstrom)) },
  }));
}

export const proposeCommand: CliCommand = {
  name: 'propose',
  summary: 'A-LoG particle proposals (no training): picks with scores and estimated diameters',
  usage,
  async run(argv: string[], io: CliIO): Promise<number> {
    const { values, positionals } = parseCommandArgs(
      argv,
      {
        diameter: { type: 'string' },
        'top-k': { type: 'string' },
        expected: { type: 'string' },
        threshold: { type: 'string' },
        mask: { type: 'string' },
        polarity: { type: 'string' },
        compactness: { type: 'boolean' },
        candidates: { type: 'string' },
        voxel: { type: 'string' },
        out: { type: 'string' },
        json: { type: 'boolean' },
        backend: { type: 'string' },
        threads: { type: 'string' },
      },
      usage,
    );
    if (positionals.length !== 1) throw new CliError(`expected exactly one tomogram, got ${positionals.length}\n\n${usage}`, 2);
    const diameterAngstrom = parseDiameter(values.diameter);
    const topK = parseInteger(values['top-k'], '--top-k');
    const expectedCount = parseInteger(values.expected, '--expected');
    let threshold: number | undefined;
    if (values.threshold !== undefined) {
      threshold = Number(values.threshold);
      if (!Number.isFinite(threshold)) throw new CliError(`--threshold expects a number, got "${values.threshold}"`, 2);
    }
    const polarity = (values.polarity ?? 'dark') as Polarity;
    const candidates = (values.candidates ?? DEFAULT_CANDIDATES) as CandidateSource;
    if (!CANDIDATE_SOURCES.includes(candidates)) throw new CliError(`--candidates expects ${CANDIDATE_SOURCES.join(' or ')}, got "${values.candidates}"`, 2);
    if (polarity !== 'dark' && polarity !== 'bright') throw new CliError(`--polarity expects dark or bright, got "${values.polarity}"`, 2);
    const voxel = parsePositiveNumber(values.voxel, '--voxel');
    const threads = parseInteger(values.threads, '--threads') ?? defaultFourierThreads();
    const backend = values.backend ?? 'auto';
    if (backend !== 'auto' && backend !== 'webgpu' && backend !== 'cpu') throw new CliError(`--backend expects auto, webgpu or cpu, got "${backend}"`, 2);
    let outFormat;
    if (values.out !== undefined) {
      outFormat = FORMAT_EXTENSIONS[extname(values.out).toLowerCase()];
      if (!outFormat) throw new CliError(`--out ${values.out}: unknown extension (use .star or .csv)`, 2);
    }

    const path = positionals[0]!;
    const volume = await readVolume(path);
    if (voxel !== undefined) volume.voxelSize = [voxel, voxel, voxel];
    if (volume.voxelSize.some((v) => !(v > 0))) throw new CliError(`${path} has no voxel size in its header: give one with --voxel Å`, 2);
    const maskOption = values.mask ?? 'auto';
    const userMask = maskOption === 'auto' || maskOption === 'none' ? undefined : await readMask(maskOption, volume);

    const selection = { threshold, topK, expectedCount };
    resolveTopK(selection);
    // auto: SwiftShader computes the same responses several times slower than the CPU bank.
    const wantGpu = backend === 'webgpu' || (backend === 'auto' && (await hasHardwareGpu()));
    const gpu = wantGpu
      ? await openNodeLogBank().catch((error: Error) => {
          if (backend === 'webgpu') throw new CliError(`--backend webgpu: ${error.message}`);
          return null;
        })
      : null;
    const useGpu = gpu && (backend === 'webgpu' || !gpu.software);
    if (gpu) io.stderr(`propose: ${useGpu ? 'filtering on' : 'skipping the software WebGPU adapter'} ${gpu.adapterName}`);
    const started = performance.now();
    let result: ProposalResult;
    // Without the GPU, the CPU bank on worker threads; if they fail, once more on this thread.
    const pool = useGpu ? null : openNodeFourierPool(threads);
    if (!useGpu) io.stderr(`propose: filtering on the CPU, ${pool ? `${pool.size} threads` : 'one thread'}`);
    try {
      const options = { diameterAngstrom, polarity, autoMask: maskOption === 'auto', userMask, compactness: values.compactness ?? DEFAULT_COMPACTNESS, candidates };
      const preferred = useGpu ? gpu.bank : pool && new FourierLogFilterBank({ pool });
      const field = await computeProposalFieldWithFallback(volume, options, preferred, {
        onProgress: progressReporter(io),
        onFallback: (error) => {
          if (useGpu && backend === 'webgpu') throw error;
          io.stderr(`propose: the ${useGpu ? 'WebGPU filter bank' : 'worker threads'} failed (${error.message}); recomputing on ${useGpu ? 'the CPU' : 'one thread'}`);
        },
      });
      result = selectProposals(field, selection);
    } finally {
      gpu?.device.destroy();
      pool?.dispose();
    }
    const seconds = (performance.now() - started) / 1000;
    const tomogram = normalizeTomogramName(basename(path));
    if (values.out !== undefined && outFormat) {
      const text = writeCoordinates(outFormat, toRecords(result, tomogram), {
        tomoSize: [volume.nx, volume.ny, volume.nz],
        voxelSize: volume.voxelSize[0],
        tomoName: tomogram,
      });
      await writeFile(values.out, text);
    }
    const { field } = result;
    if (values.json) {
      io.stdout(
        JSON.stringify({
          tomogram,
          diameterAngstrom,
          scalesAngstrom: field.scales.diameters.map(round3),
          threshold: result.threshold,
          defaultThreshold: field.defaultThreshold,
          localMaxima: field.maximaScores.length,
          bank: field.bank,
          aboveThreshold: result.aboveThreshold,
          slab: field.autoMask?.slab ?? null,
          seconds: round3(seconds),
          proposals: result.proposals.map((p) => ({
            x: p.x,
            y: p.y,
            z: p.z,
            score: round3(p.score),
            logBest: round3(p.logBest),
            compactness: round3(p.compactness),
            diameterAngstrom: round3(p.diameterAngstrom),
          })),
        }),
      );
    } else {
      io.stdout(
        `${tomogram}: ${result.proposals.length} proposals (${result.aboveThreshold} in range above θ = ${result.threshold.toFixed(3)}; ` +
          `${field.maximaScores.length} local maxima in the mask) in ${seconds.toFixed(1)} s` +
          (values.out ? ` → ${values.out}` : ''),
      );
    }
    return 0;
  },
};
