/**
 * Every file in ../shared/reference/coords and ../shared/reference/star either imports as
 * coordinates or is refused with a message saying what it is. Table-driven: a new reference file
 * without a row here fails the completeness test.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { referencePath } from '../../../testing/reference-paths.ts';
import { readCoordinates, readRelionTomogramsStar } from './registry.ts';
import type { CoordinateContext, CoordinateFormat } from './types.ts';

type Expectation =
  | { format: CoordinateFormat; count: number; first?: [number, number, number]; ctx?: CoordinateContext }
  | { refused: RegExp };

const cylindraTomograms = (): CoordinateContext => ({
  relionTomograms: readRelionTomogramsStar(
    readFileSync(referencePath('star/relion5_cylindra_jobs/Tomograms/job_tomo/tomograms.star'), 'utf8'),
  ),
});
const NOT_PARTICLES = /has no particle coordinates/;

const table: Record<string, Expectation> = {
  'coords/dynamo_tbl/t_complex.tbl': { format: 'dynamo-tbl', count: 8742 },
  // Row 1: x,y,z = 141.28 114.71 163.08, dx,dy,dz = 2.5178 -3.523 2.1043, 1-based.
  'coords/dynamo_tbl/t_double.tbl': { format: 'dynamo-tbl', count: 300, first: [142.7978, 110.187, 164.1843] },
  'coords/dynamo_tbl/tmap_complex.doc': { refused: /Dynamo table map/ },
  'coords/empiar10988_TS037/README.md': { refused: /matches no coordinates format/ },
  // Headerless x,y,z with CRLF; 1646 and 22 data lines (the shared README rounds to 1645 / 21).
  'coords/empiar10988_TS037/TS_037_cyto_ribosomes.csv': { format: 'csv', count: 1646, first: [147, 851, 286] },
  'coords/empiar10988_TS037/TS_037_fas.csv': { format: 'csv', count: 22, first: [151, 881, 322] },
  'coords/imod_mod/meshed_contour_example.mod': { format: 'imod-mod', count: 286 },
  'coords/imod_mod/meshed_curvature_example.mod': { format: 'imod-mod', count: 1176 },
  'coords/imod_mod/multiple_objects_example.mod': { format: 'imod-mod', count: 6 },
  'coords/imod_mod/point_sizes_example.mod': { format: 'imod-mod', count: 18 },
  'coords/imod_mod/slicer_angle_example.mod': { format: 'imod-mod', count: 4 },
  // teamtomo/imodmodel's README shows this model's first point as (64.333336, 64.666664, 80.0).
  'coords/imod_mod/two_contour_example.mod': { format: 'imod-mod', count: 25, first: [63.833336, 64.166664, 80] },
  'coords/mdoc/frame_set_multiple.mdoc': { refused: /SerialEM \.mdoc/ },
  'coords/mdoc/frame_set_single.mdoc': { refused: /SerialEM \.mdoc/ },
  'coords/mdoc/montage_section.mdoc': { refused: /SerialEM \.mdoc/ },
  'coords/mdoc/montage_section_multiple.mdoc': { refused: /SerialEM \.mdoc/ },
  'coords/mdoc/tilt_series.mdoc': { refused: /SerialEM \.mdoc/ },
  'coords/shrec19_deepfinder/object_list_valid.xml': { format: 'deepfinder-xml', count: 2490, first: [182, 143, 39] },
  'coords/shrec19_deepfinder/particle_locations_model_9.txt': { format: 'shrec-text', count: 2540, first: [180, 480, 118] },
  'coords/tilt_metadata/test_angles.rawtlt': { refused: /tilt angles/ },
  'coords/tilt_metadata/test_angles_multi_column.rawtlt': { refused: /tilt angles/ },
  'coords/tilt_metadata/test_defocus.txt': { refused: /1 number per line/ },
  'coords/tilt_metadata/test_dose.txt': { refused: /1 number per line/ },
  'coords/tilt_metadata/test_imod.defocus': { refused: /IMOD defocus file/ },
  'star/relion30_tomodrgn/10076_both_32_sim.star': { refused: /particle images without 3D coordinates/ },
  'star/relion5_cylindra_jobs/Class3D/job_class3d/job.star': { refused: /job\.star/ },
  'star/relion5_cylindra_jobs/Class3D/job_class3d/run_it025_data.star': { format: 'relion5', count: 10, ctx: cylindraTomograms() },
  'star/relion5_cylindra_jobs/Class3D/job_class3d/run_it025_optimisation_set.star': { refused: /optimisation set/ },
  'star/relion5_cylindra_jobs/Picks/job_picks/job.star': { refused: /job\.star/ },
  'star/relion5_cylindra_jobs/Picks/job_picks/optimisation_set.star': { refused: /optimisation set/ },
  // TS_01 is 84×136×44 voxels of 10.52 Å: x = −176.94/10.52 + 42.
  'star/relion5_cylindra_jobs/Picks/job_picks/particles.star': {
    format: 'relion5',
    count: 5,
    first: [-176.94 / 10.52 + 42, 765.48005 / 10.52 + 68, 11.16 / 10.52 + 22],
    ctx: cylindraTomograms(),
  },
  'star/relion5_cylindra_jobs/Refine3D/job_refine/job.star': { refused: /job\.star/ },
  'star/relion5_cylindra_jobs/Refine3D/job_refine/run_it040_optimisation_set.star': { refused: /optimisation set/ },
  'star/relion5_cylindra_jobs/Refine3D/job_refine/run_it050_data.star': { format: 'relion5', count: 5, ctx: cylindraTomograms() },
  'star/relion5_cylindra_jobs/Refine3D/job_refine/run_it050_optimisation_set.star': { refused: /optimisation set/ },
  'star/relion5_cylindra_jobs/Tomograms/job_tomo/job.star': { refused: /job\.star/ },
  'star/relion5_cylindra_jobs/Tomograms/job_tomo/tilt_series/13pf_MT.star': { refused: /tilt-series STAR/ },
  'star/relion5_cylindra_jobs/Tomograms/job_tomo/tilt_series/14pf_MT.star': { refused: /tilt-series STAR/ },
  'star/relion5_cylindra_jobs/Tomograms/job_tomo/tomograms.star': { refused: /tomogram set/ },
  'star/relion5_pytom_example/tomo200528_107.star': { refused: /tilt-series STAR/ },
  'star/relion5_pytom_example/tomograms.star': { refused: /tomogram set/ },
  // WarpTools 2 writes rlnTomoName + rlnCoordinateX/Y/Z (RELION 4 layout); here in 12 Å pixels.
  'star/relion5_warptools_tomodrgn/warptools_test_4-tomos_10-ptcls_box-32_angpix-12.star': {
    format: 'relion4',
    count: 40,
    first: [494.521, 564.065, 28.146],
  },
  'star/relion5_warptools_tomodrgn/warptools_test_4-tomos_10-ptcls_box-32_angpix-12_optimisation_set.star': { refused: /optimisation set/ },
  'star/relion5_warptools_tomodrgn/warptools_test_4-tomos_10-ptcls_box-32_angpix-12_tomograms.star': { refused: /tomogram set/ },
  'star/teamtomo_starfile_tests/basic_double_quote.star': { refused: NOT_PARTICLES },
  'star/teamtomo_starfile_tests/basic_single_quote.star': { refused: NOT_PARTICLES },
  'star/teamtomo_starfile_tests/default_pipeline.star': { refused: /pipeline file/ },
  'star/teamtomo_starfile_tests/empty_loop.star': { refused: /only some coordinate columns \(rlnCoordinateX\)/ },
  'star/teamtomo_starfile_tests/loop_double_quote.star': { refused: NOT_PARTICLES },
  'star/teamtomo_starfile_tests/loop_single_quote.star': { refused: NOT_PARTICLES },
  'star/teamtomo_starfile_tests/one_loop.star': { format: 'relion3', count: 16, first: [1572.444, 1084.5, 964.5] },
  'star/teamtomo_starfile_tests/postprocess.star': { refused: NOT_PARTICLES },
  'star/teamtomo_starfile_tests/relion_tutorial/run_it025_optimiser_2D.star': { refused: NOT_PARTICLES },
  'star/teamtomo_starfile_tests/relion_tutorial/run_it025_optimiser_3D.star': { refused: NOT_PARTICLES },
  'star/teamtomo_starfile_tests/relion_tutorial/run_it025_sampling_2D.star': { refused: NOT_PARTICLES },
  'star/teamtomo_starfile_tests/relion_tutorial/run_it025_sampling_3D.star': { refused: NOT_PARTICLES },
  'star/teamtomo_starfile_tests/rln3.1_data_style.star': { format: 'relion3', count: 2, first: [587, 1268, -51.5227] },
  'star/teamtomo_starfile_tests/single_line_end_of_multiblock.star': { format: 'relion3', count: 2 },
  'star/teamtomo_starfile_tests/single_line_middle_of_multiblock.star': { format: 'relion3', count: 1 },
  'star/teamtomo_starfile_tests/two_basic_blocks.star': { refused: NOT_PARTICLES },
  'star/teamtomo_starfile_tests/two_single_line_loop_blocks.star': { refused: NOT_PARTICLES },
};

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

describe('reference coordinate and STAR files', () => {
  it('has an expectation for every file', () => {
    const root = referencePath('.');
    const files = [...listFiles(referencePath('coords')), ...listFiles(referencePath('star'))].map((f) => relative(root, f)).sort();
    expect(files).toEqual(Object.keys(table).sort());
  });

  it.each(Object.entries(table))('%s', (file, expected) => {
    const bytes = new Uint8Array(readFileSync(referencePath(file)));
    if ('refused' in expected) {
      expect(() => readCoordinates(file, bytes)).toThrow(expected.refused);
      return;
    }
    const result = readCoordinates(file, bytes, expected.ctx ?? {});
    expect(result.format).toBe(expected.format);
    expect(result.records).toHaveLength(expected.count);
    for (const r of result.records) {
      expect(Number.isFinite(r.x) && Number.isFinite(r.y) && Number.isFinite(r.z)).toBe(true);
    }
    if (expected.first) {
      const [x, y, z] = expected.first;
      expect(result.records[0]?.x).toBeCloseTo(x, 4);
      expect(result.records[0]?.y).toBeCloseTo(y, 4);
      expect(result.records[0]?.z).toBeCloseTo(z, 4);
    }
  });
});
