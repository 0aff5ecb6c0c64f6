import { describe, expect, it } from 'vitest';
import { angstromPerUnit, parseImageJDescription, stackLayout } from './tiff-metadata.ts';

describe('stackLayout', () => {
  it('converts the units ImageJ and OME write to Å', () => {
    expect(angstromPerUnit('nm')).toBe(10);
    expect(angstromPerUnit('micron')).toBe(1e4);
    expect(angstromPerUnit('\\u00B5m')).toBe(1e4);
    expect(angstromPerUnit('Å')).toBe(1);
    expect(angstromPerUnit('pixel')).toBeUndefined();
  });

  it('parses ImageJ descriptions and ignores other text', () => {
    expect(parseImageJDescription('ImageJ=1.11a\nimages=36\nunit=nm\n')).toEqual({ ImageJ: '1.11a', images: '36', unit: 'nm' });
    expect(parseImageJDescription('written by something else')).toBeNull();
  });

  it('uses ImageJ spacing for z and the resolution for x/y', () => {
    const layout = stackLayout({ description: 'ImageJ=1.11a\nimages=36\nslices=36\nunit=nm\nspacing=1.052\n', xResolution: 1 / 1.052, yResolution: 1 / 1.052 }, 36);
    expect(layout.voxelSize.map((v) => Number(v.toFixed(6)))).toEqual([10.52, 10.52, 10.52]);
    expect([layout.nz, layout.source, layout.warnings]).toEqual([36, 'imagej', []]);
  });

  it('warns and uses 1 Å when ImageJ has no physical unit', () => {
    const layout = stackLayout({ description: 'ImageJ=1.11a\nimages=4\nunit=pixel\n' }, 4);
    expect(layout.voxelSize).toEqual([1, 1, 1]);
    expect(layout.warnings.join()).toMatch(/unit "pixel".*1 Å/);
  });

  it('reads OME-XML sizes, units and the page of each z for any DimensionOrder', () => {
    const xml = '<?xml version="1.0"?><OME xmlns="http://www.openmicroscopy.org/Schemas/OME/2016-06"><Image ID="Image:0"><Pixels DimensionOrder="XYCZT" SizeX="4" SizeY="3" SizeZ="5" SizeC="2" SizeT="1" PhysicalSizeX="0.8" PhysicalSizeXUnit="nm" PhysicalSizeY="0.8" PhysicalSizeYUnit="nm" PhysicalSizeZ="0.001" Type="uint8"></Pixels></Image></OME>';
    const layout = stackLayout({ description: xml }, 10);
    expect(layout.nz).toBe(5);
    expect([0, 1, 4].map(layout.pageOf)).toEqual([0, 2, 8]);
    expect(layout.voxelSize.map((v) => Number(v.toFixed(6)))).toEqual([8, 8, 10]); // z: µm by default
    expect(layout.warnings.join()).toMatch(/2 channel/);
  });

  it('refuses an OME description that promises more planes than pages', () => {
    const xml = '<OME><Image><Pixels DimensionOrder="XYZCT" SizeX="4" SizeY="3" SizeZ="50" SizeC="1" SizeT="1"/></Image></OME>';
    expect(() => stackLayout({ description: xml }, 10)).toThrow(/declares 50 planes but this file has 10 pages/);
  });

  it('falls back to resolution tags in centimetres, else 1 Å with a warning', () => {
    const cm = stackLayout({ xResolution: 1e7, resolutionUnit: 3 }, 2);
    expect(cm.voxelSize.map((v) => Number(v.toFixed(6)))).toEqual([10, 10, 10]);
    const none = stackLayout({}, 2);
    expect(none.voxelSize).toEqual([1, 1, 1]);
    expect(none.warnings.join()).toMatch(/no voxel size/);
  });
});
