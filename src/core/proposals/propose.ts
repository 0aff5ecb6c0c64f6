/**
 * A-LoG 3D proposals (UPicker's adaptive LoG generator, made 3D): multiscale scale-normalised
 * LoG → per-voxel best response and scale → local maxima in the sample mask (located on the
 * scales from d_min up; in-range ones recentred on their response's mass centre) → threshold and
 * diameter range → sphere suppression (larger objects first; objects larger than the bank, found
 * by a coarse context pass on a binned copy, suppress their bounding sphere too) → top-K
 * strongest in-range survivors.
 *
 * Split in two so the studio can move the threshold and K live: `computeProposalField` does the
 * filtering (seconds to minutes) and keeps every local maximum; `selectProposals` (milliseconds)
 * applies a threshold and K to it. `proposeParticles` runs both.
 */
import type { Volume } from '../volume/volume.ts';
import { automaticMask, type AutoMask } from './auto-mask.ts';
import { compactness, HessianProbe, symmetricEigenvalues } from './blob-shape.ts';
import { FourierLogFilterBank } from './fourier-log-bank.ts';
import { findLargeObjects, type LargeObject } from './large-objects.ts';
import { localMaxima } from './local-maxima.ts';
import type { Shape3 } from './mirror-pad.ts';
import type { BankFilter, LogFilterBank } from './log-filter-bank.ts';
import { FIRST_INSIDE, interpolateDiameter, isAboveRange, isBelowRange, isInsideRange, meanVoxelSize, scaleBank, sigmaVoxelsForDiameter, type ScaleBank } from './scales.ts';
import { ScaleSpaceExtrema, type ScaleExtrema } from './scale-space-extrema.ts';
import { ScaleSpaceMax } from './scale-space-max.ts';
import { normalisingGain } from './robust-stats.ts';
import { recentreOnResponseMass } from './recentre.ts';
import { NOT_REACHED, traceSuppression, type SuppressionTrace } from './suppression.ts';

export type Polarity = 'dark' | 'bright';

export interface ProposalOptions {
  /** Particle diameter range [min, max], Å. */
  diameterAngstrom: readonly [number, number];
  /** 'dark': dense particles darker than the background (raw reconstructions; default). */
  polarity?: Polarity;
  /** Gold/contamination outliers and the sample slab (default true). */
  autoMask?: boolean;
  /** 1 = usable voxel, 0 = excluded (e.g. painted by the user); combined with the automatic mask. */
  userMask?: Uint8Array;
  /** σ of the mask's low-pass, Å (default 30: gold beads stand out, noise does not). */
  maskLowPassAngstrom?: number;
  /** See auto-mask.ts (default 2). */
  outlierFactor?: number;
  /** Filtering back end (default: the exact CPU Fourier bank). */
  bank?: LogFilterBank;
  /**
   * Look for objects larger than the bank on a binned copy (large-objects.ts; default true). It
   * skips itself where it cannot matter (2·d_max already ≥ 500 Å, or a small volume).
   */
  contextPass?: boolean;
  /**
   * Rank the in-range candidates by LoG_best × min(1, compactness / TUBE_COMPACTNESS)
   * (blob-shape.ts): sheets (membranes, the CTF fringes around dense particles) stop outranking
   * small particles. Default true (README.md, "Deviations": it gains 0.05–0.32 recall on the
   * small-particle ranges at SNR 0.1–0.05 and loses 1–4 particles in the ribosome and proteasome
   * ranges at low SNR); false = UPicker's plain LoG_best. θ applies to LoG_best either way.
   */
  compactness?: boolean;
  /**
   * Move each in-range candidate to the mass centre of the significant response within d_max / 2
   * (recentre.ts): a lobed particle's lobes become one proposal at its centre (default true).
   */
  recentre?: boolean;
  /**
   * Where candidates come from: 'scale-space' (default), the maxima in space and scale from d_min
   * up (scale-space-extrema.ts), each scored at its own scale; or 'projection', the maxima of the
   * best response over the scales from d_min up, scored by LoG_best, dropped when d_best is below
   * the range (UPicker's per-voxel LoG_best, README.md "Deviations").
   */
  candidates?: CandidateSource;
}

export const CANDIDATE_SOURCES = ['scale-space', 'projection'] as const;
export type CandidateSource = (typeof CANDIDATE_SOURCES)[number];

export interface SelectionOptions {
  /** θ on LoG_best; default: the mean of LoG_best over the local maxima inside the mask. */
  threshold?: number;
  /** Keep at most K proposals, strongest first. */
  topK?: number;
  /** Expected particle count: K defaults to ⌈1.5 × expectedCount⌉ when topK is not given. */
  expectedCount?: number;
}

export interface RunOptions {
  onProgress?: (fraction: number, stage: string) => void;
  signal?: AbortSignal;
}

/** A candidate peak inside the mask: a maximum in space and scale, or of the best response over the scales (`candidates`). */
export interface ProposalCandidate {
  /** Voxel coordinates (0-based, voxel centres at integers; sub-voxel once recentred). */
  x: number;
  y: number;
  z: number;
  /**
   * The ranking score (top-K, strongest first): LoG_best, times min(1, compactness / 0.75) for
   * in-range candidates when the `compactness` option is on.
   */
  score: number;
  /**
   * The normalised LoG response θ applies to (scale- and noise-normalised, so comparable across
   * sizes): at the candidate's own scale for scale-space candidates, LoG_best for `projection`.
   */
  logBest: number;
  /** 1.5·(λ₂+λ₃)/trace of the Hessian at d_best (1 ball, 0 sheet); 1 where not computed (option off, above the range). */
  compactness: number;
  /** Index of d_best in the field's `scales`; CONTEXT_SCALE_INDEX for a large object (suppressor only). */
  scaleIndex: number;
  /** d_best refined between neighbouring scales, Å. */
  diameterAngstrom: number;
  /** The same in voxels (geometric mean of the voxel sizes). */
  diameterVoxels: number;
}

export type Proposal = ProposalCandidate;

export interface ProposalField {
  shape: [number, number, number];
  /** Geometric mean of the voxel sizes, Å (converts diameters to voxels). */
  voxelSizeAngstrom: number;
  /** The filter diameters, Å, ascending, and which of them lie in the requested range (scales.ts). */
  scales: ScaleBank;
  /** LoG_best of every local maximum inside the mask (for the threshold histogram). */
  maximaScores: Float32Array;
  /**
   * The local maxima of the best response over the scales from d_min up (inside the mask) whose
   * d_best over the whole bank is not below the range; above-range ones are kept (they suppress).
   */
  candidates: ProposalCandidate[];
  /**
   * Objects larger than the bank found by the context pass (large-objects.ts), scoring above
   * CONFIDENT_OBJECT_SCORE × θ's default: they suppress their bounding sphere, never proposed.
   */
  largeObjects: LargeObject[];
  /** Mean of `maximaScores` (θ's default). */
  defaultThreshold: number;
  /** 1 = sample; null when neither an automatic nor a user mask was used. */
  mask: Uint8Array | null;
  autoMask: Omit<AutoMask, 'mask'> | null;
  bank: string;
}

export interface ProposalResult {
  field: ProposalField;
  proposals: Proposal[];
  threshold: number;
  /** Candidates above the threshold before suppression and K. */
  aboveThreshold: number;
}

export const DEFAULT_MASK_LOW_PASS_ANGSTROM = 30;
/**
 * A clearly significant above-range peak suppresses the sphere of its object's bounding diameter,
 * estimated as d_best / 0.8: d_best measures a particle's compact core, ≈ 0.8 × its bounding
 * diameter with the CTF (README.md). In-range peaks keep d_best (the suppression guarantee
 * between proposals).
 */
export const ABOVE_RANGE_REACH = 1.25;
/**
 * "Clearly significant": LoG_best above this many times θ's default (the mean over the local
 * maxima). A peak barely above θ at a coarse scale is as often a crowd of smaller particles as
 * one object; widening its sphere cost the ribosome range 0.94 → 0.93 at SNR 0.05 (README.md).
 */
export const CONFIDENT_OBJECT_SCORE = 1.5;
/**
 * A context-pass object suppresses this many times its d_best: the bounding diameter d_best / 0.8
 * widened by the typical offset of its centre from the object's (median 0.15–0.19 R on the
 * standard case's ribosomes and proteasomes): 1.25 × 1.15 ≈ 1.4 (README.md).
 */
export const CONTEXT_OBJECT_REACH = 1.4;
export const TOP_K_PER_EXPECTED = 1.5;
/** Whether `compactness` is on when not given (see ProposalOptions.compactness). */
export const DEFAULT_COMPACTNESS = true;
export const DEFAULT_CANDIDATES: CandidateSource = 'scale-space';
/** Whether `recentre` is on when not given. */
export const DEFAULT_RECENTRE = true;
/**
 * Compactness of a straight tube (two equal curvatures, the third 0). A peak at least this compact
 * keeps its full LoG_best: a ball elongated along z by the missing wedge, or an elongated particle,
 * is at worst a short tube. Only flatter peaks (one dominant curvature: membranes, the CTF's dark
 * fringe around a dense particle, the flat face of a larger object) lose score, in proportion.
 */
export const TUBE_COMPACTNESS = 0.75;
/** `scaleIndex` of a context-pass object in the selection: beyond any bank, i.e. above the range. */
export const CONTEXT_SCALE_INDEX = Number.MAX_SAFE_INTEGER;

function validateVoxelSize(volume: Volume): void {
  if (volume.voxelSize.some((v) => !(v > 0) || !Number.isFinite(v))) {
    throw new Error(`the tomogram has no valid voxel size (${volume.voxelSize.join(', ')} Å): set one before proposing`);
  }
}

export async function computeProposalField(volume: Volume, options: ProposalOptions, run: RunOptions = {}): Promise<ProposalField> {
  validateVoxelSize(volume);
  const { signal, onProgress } = run;
  const shape: [number, number, number] = [volume.nx, volume.ny, volume.nz];
  const voxels = volume.nx * volume.ny * volume.nz;
  const [dMin, dMax] = options.diameterAngstrom;
  const scales = scaleBank(dMin, dMax);
  const diametersAngstrom = scales.diameters;
  if (options.userMask && options.userMask.length !== voxels) {
    throw new Error(`the mask has ${options.userMask.length} voxels but the tomogram ${voxels} (${shape.join('×')})`);
  }
  const sign: 1 | -1 = (options.polarity ?? 'dark') === 'dark' ? 1 : -1;
  const voxelSize = volume.voxelSize;
  const filters: BankFilter[] = diametersAngstrom.map((d) => ({ kind: 'log', sigmaVoxels: sigmaVoxelsForDiameter(d, voxelSize), sign }));
  const useAutoMask = options.autoMask ?? true;
  // The low-pass goes last so the mask is computed from the bank's buffer without a copy.
  if (useAutoMask) {
    const lowPass = options.maskLowPassAngstrom ?? DEFAULT_MASK_LOW_PASS_ANGSTROM;
    filters.push({ kind: 'gaussian', sigmaVoxels: [lowPass / voxelSize[0], lowPass / voxelSize[1], lowPass / voxelSize[2]] });
  }
  const meanVoxel = meanVoxelSize(voxelSize);

  const scaleSpace = new ScaleSpaceMax(voxels, FIRST_INSIDE);
  const extrema = (options.candidates ?? DEFAULT_CANDIDATES) === 'scale-space' ? new ScaleSpaceExtrema(shape, FIRST_INSIDE) : null;
  let auto: AutoMask | null = null;
  const bank = options.bank ?? new FourierLogFilterBank();
  await bank.run(
    volume,
    filters,
    (index, response) => {
      if (index < diametersAngstrom.length) {
        const gain = normalisingGain(response);
        scaleSpace.add(index, response, gain);
        extrema?.add(index, response, gain);
      }
      else auto = automaticMask(response, shape, { dilationVoxels: dMax / 2 / meanVoxel, outlierFactor: options.outlierFactor, signal });
    },
    { signal, onProgress: (f) => onProgress?.(0.85 * f, 'filtering') },
  );
  signal?.throwIfAborted();

  const mask = combineMasks((auto as AutoMask | null)?.mask ?? null, options.userMask ?? null);
  onProgress?.(0.85, 'local maxima');
  // θ and its histogram: the maxima of LoG_best, as the issue defines them.
  const maxima = localMaxima(scaleSpace.best, shape, mask ?? undefined, signal);
  const maximaScores = new Float32Array(maxima.length);
  let sum = 0;
  for (let m = 0; m < maxima.length; m++) {
    maximaScores[m] = scaleSpace.best[maxima[m]!]!;
    sum += maximaScores[m]!;
  }
  // Candidates are not the maxima of LoG_best: a hollow or lumpy particle (a barrel, a ribosome's
  // stalks) has finer blobs on its rim that outscore its centre's own scale around it, and a small
  // particle beside a large one sits on the large one's broad response (README.md, "Deviations").
  const candidates = extrema ? candidatesFromExtrema(extrema.finish(), scales, shape, mask, meanVoxel) : candidatesFromProjection(scaleSpace, scales, shape, mask, meanVoxel, signal);
  if (options.compactness ?? DEFAULT_COMPACTNESS) {
    onProgress?.(0.88, 'blob shape');
    weightByCompactness(volume, candidates, scales, filters, sign, signal);
  }
  const defaultThreshold = maxima.length > 0 ? sum / maxima.length : NaN;
  if ((options.recentre ?? DEFAULT_RECENTRE) && !Number.isNaN(defaultThreshold)) {
    recentreOnResponseMass(candidates, (c) => isInsideRange(scales, c.scaleIndex), scaleSpace.bestFromRange, shape, mask, (c) => recentreRadius(c.diameterVoxels, dMax / meanVoxel), defaultThreshold);
  }
  // Same significance as a clearly significant above-range peak of the bank (see traceSelection).
  const largeObjects =
    (options.contextPass ?? true) && !Number.isNaN(defaultThreshold)
      ? await findLargeObjects(volume, {
          dMax,
          sign,
          minScore: CONFIDENT_OBJECT_SCORE * defaultThreshold,
          mask,
          // Always a CPU bank (the picks do not depend on the GPU's rounding); the caller's when it is one.
          cpuBank: bank instanceof FourierLogFilterBank ? bank : undefined,
          signal,
          onProgress: (f) => onProgress?.(0.9 + 0.1 * f, 'large objects'),
        })
      : [];
  onProgress?.(1, 'large objects');
  const autoSummary = auto as AutoMask | null;
  return {
    shape,
    voxelSizeAngstrom: meanVoxel,
    scales,
    maximaScores,
    candidates,
    largeObjects,
    defaultThreshold,
    mask,
    autoMask: autoSummary ? { slab: autoSummary.slab, outlierVoxels: autoSummary.outlierVoxels, outlierThreshold: autoSummary.outlierThreshold } : null,
    bank: bank.name,
  };
}

/**
 * The recentring window: the candidate's d_best as a radius (a lobed particle's lobes lie within
 * one lobe diameter of each other), at most the range's largest particle radius. A window of
 * d_max / 2 for every candidate pulled a 40 Å particle 13 voxels towards its neighbours on a
 * 27–260 Å range: `tiny` in that range 0.81 → 0.05 (README.md, "Deviations").
 */
export function recentreRadius(diameterVoxels: number, maxDiameterVoxels: number): number {
  return Math.min(diameterVoxels, maxDiameterVoxels / 2);
}

function candidateAt(index: number, shape: Shape3, score: number, scaleIndex: number, diameterAngstrom: number, meanVoxel: number): ProposalCandidate {
  const [nx, ny] = shape;
  return {
    x: index % nx,
    y: Math.floor(index / nx) % ny,
    z: Math.floor(index / (nx * ny)),
    score,
    logBest: score,
    compactness: 1,
    scaleIndex,
    diameterAngstrom,
    diameterVoxels: diameterAngstrom / meanVoxel,
  };
}

/**
 * Candidates at the maxima of the best response over the scales from d_min up, each keeping its
 * LoG_best and d_best over the whole bank; d_best below the range drops it.
 */
function candidatesFromProjection(scaleSpace: ScaleSpaceMax, scales: ScaleBank, shape: Shape3, mask: Uint8Array | null, meanVoxel: number, signal?: AbortSignal): ProposalCandidate[] {
  const candidates: ProposalCandidate[] = [];
  for (const i of localMaxima(scaleSpace.bestFromRange, shape, mask ?? undefined, signal)) {
    const scaleIndex = scaleSpace.bestScale[i]!;
    if (isBelowRange(scales, scaleIndex)) continue;
    const score = scaleSpace.best[i]!;
    const diameterAngstrom = interpolateDiameter(scales.diameters, scaleIndex, scaleSpace.belowBest[i]!, score, scaleSpace.aboveBest[i]!);
    candidates.push(candidateAt(i, shape, score, scaleIndex, diameterAngstrom, meanVoxel));
  }
  return candidates;
}

/** Candidates at the maxima in space and scale from d_min up, inside the mask, scored at their own scale. */
function candidatesFromExtrema(extrema: ScaleExtrema, scales: ScaleBank, shape: Shape3, mask: Uint8Array | null, meanVoxel: number): ProposalCandidate[] {
  const candidates: ProposalCandidate[] = [];
  for (let k = 0; k < extrema.count; k++) {
    const i = extrema.index[k]!;
    if (mask && !mask[i]) continue;
    const scaleIndex = extrema.scale[k]!;
    const score = extrema.response[k]!;
    const diameterAngstrom = interpolateDiameter(scales.diameters, scaleIndex, extrema.below[k]!, score, extrema.above[k]!);
    candidates.push(candidateAt(i, shape, score, scaleIndex, diameterAngstrom, meanVoxel));
  }
  return candidates;
}

/**
 * In-range candidates: logBest × min(1, compactness / TUBE_COMPACTNESS), the compactness taken at
 * the candidate's scale (d_best, whose Hessian trace is that very response). Above-range peaks
 * keep logBest: they only suppress, and their significance rule (CONFIDENT_OBJECT_SCORE) is about
 * size, not shape.
 */
function weightByCompactness(volume: Volume, candidates: ProposalCandidate[], scales: ScaleBank, filters: readonly BankFilter[], sign: 1 | -1, signal?: AbortSignal): void {
  const probe = new HessianProbe(volume, sign);
  for (let k = 0; k < candidates.length; k++) {
    if ((k & 255) === 0) signal?.throwIfAborted();
    const c = candidates[k]!;
    if (!isInsideRange(scales, c.scaleIndex)) continue;
    c.compactness = compactness(symmetricEigenvalues(probe.at(c.x, c.y, c.z, filters[c.scaleIndex]!.sigmaVoxels)));
    c.score *= Math.min(1, c.compactness / TUBE_COMPACTNESS);
  }
}

function combineMasks(auto: Uint8Array | null, user: Uint8Array | null): Uint8Array | null {
  if (!auto || !user) return auto ?? (user ? user.map((v) => (v ? 1 : 0)) : null);
  const out = new Uint8Array(auto.length);
  for (let i = 0; i < out.length; i++) out[i] = auto[i]! && user[i]! ? 1 : 0;
  return out;
}

/** K from the options: topK, else ⌈1.5 × expectedCount⌉, else unlimited. */
export function resolveTopK(options: SelectionOptions): number {
  if (options.topK !== undefined) {
    if (!Number.isInteger(options.topK) || options.topK < 1) throw new Error(`top-K must be a positive integer, got ${options.topK}`);
    return options.topK;
  }
  if (options.expectedCount !== undefined) {
    if (!(options.expectedCount > 0)) throw new Error(`the expected count must be positive, got ${options.expectedCount}`);
    return Math.ceil(TOP_K_PER_EXPECTED * options.expectedCount);
  }
  return Infinity;
}

/** Threshold, suppression and top-K over a computed field (cheap: re-run it as the user edits θ or K). */
export function selectProposals(field: ProposalField, options: SelectionOptions = {}): ProposalResult {
  return traceSelection(field, options).result;
}

export interface SelectionTrace {
  result: ProposalResult;
  /** The candidates above θ that entered the suppression, in `trace.fate` order. */
  above: ProposalCandidate[];
  trace: SuppressionTrace;
}

/** `selectProposals` plus the fate of every candidate above θ (for the miss analysis in bench/). */
export function traceSelection(field: ProposalField, options: SelectionOptions = {}): SelectionTrace {
  const threshold = options.threshold ?? field.defaultThreshold;
  const limit = resolveTopK(options);
  // The context pass's large objects go in first: suppressors above the range, never proposed.
  const large: ProposalCandidate[] = field.largeObjects.map((o) => ({ ...o, logBest: o.score, compactness: 1, scaleIndex: CONTEXT_SCALE_INDEX }));
  const above = [...large, ...(Number.isNaN(threshold) ? [] : field.candidates.filter((c) => c.logBest > threshold))];
  // Suppression runs larger objects first (by d_best), then K is taken strongest first among the
  // in-range survivors. A subunit, stalk or rim of a particle is often a stronger blob at its own
  // scale than the particle at its scale (the CTF removes the low frequencies); visited first, it
  // would be proposed and the particle's peak then suppressed by it or left beyond K. Peaks above
  // the range suppress, then leave (a larger object's parts must not come back as proposals);
  // below-range peaks are no candidates (a detail must not veto its particle, see
  // computeProposalField). Ranking by score afterwards keeps weak large peaks (noise at the
  // coarsest scales) from filling K.
  // A larger object's parts lie out to its bounding sphere, beyond d_best (its core), and its
  // peaks sit off its centre (the CTF flattens a large object's interior, so the LoG peaks around
  // its inner rim): a clearly significant above-range peak suppresses the sphere of the object's
  // bounding diameter, and every above-range peak suppresses also when another peak of the same
  // object suppressed it first (each covers another side of the object).
  // θ applies to LoG_best (the θ and its histogram); compactness only orders the top-K, so
  // where fewer than K candidates survive the proposals are UPicker's.
  const confident = CONFIDENT_OBJECT_SCORE * field.defaultThreshold;
  // Suppression breaks ties in d_best by LoG_best, as before the compactness weighting.
  const bySignificance = above.map((c) => ({ ...c, score: c.logBest }));
  const { scales } = field;
  const trace = traceSuppression(bySignificance, Infinity, (c) => isInsideRange(scales, c.scaleIndex), Infinity, (c) => c.diameterVoxels, {
    sphereDiameter: (c) =>
      (c.scaleIndex === CONTEXT_SCALE_INDEX ? CONTEXT_OBJECT_REACH : isAboveRange(scales, c.scaleIndex) && c.logBest > confident ? ABOVE_RANGE_REACH : 1) * c.diameterVoxels,
    suppressesWhenSuppressed: (c) => isAboveRange(scales, c.scaleIndex),
  });
  trace.reported.sort((a, b) => above[b]!.score - above[a]!.score || a - b);
  // Survivors beyond K count as not reached (never proposed).
  for (const i of trace.reported.splice(Math.min(limit, trace.reported.length))) trace.fate[i] = NOT_REACHED;
  const proposals = trace.reported.map((i) => above[i]!);
  const aboveThreshold = above.filter((c) => isInsideRange(scales, c.scaleIndex)).length;
  return { result: { field, proposals, threshold, aboveThreshold }, above, trace };
}

export async function proposeParticles(
  volume: Volume,
  options: ProposalOptions & SelectionOptions,
  run: RunOptions = {},
): Promise<ProposalResult> {
  resolveTopK(options);
  const field = await computeProposalField(volume, options, run);
  return selectProposals(field, options);
}
