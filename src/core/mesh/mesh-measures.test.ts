import { describe, expect, it } from 'vitest';
import { edgeTopology, enclosedVolume } from './mesh-measures.ts';

// The tetrahedron (0,0,0), (1,0,0), (0,1,0), (0,0,1), faces counter-clockwise seen from outside.
const positions = new Float32Array([0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1]);
const faces = [
  [0, 2, 1],
  [0, 1, 3],
  [0, 3, 2],
  [1, 2, 3],
];
const meshOf = (tris: number[][]) => ({ positions, indices: Uint32Array.from(tris.flat()) });

describe('mesh measures', () => {
  it('give the volume of a closed tetrahedron, negative when it is wound inside out', () => {
    expect(enclosedVolume(meshOf(faces))).toBeCloseTo(1 / 6, 12);
    expect(enclosedVolume(meshOf(faces.map(([a, b, c]) => [a!, c!, b!])))).toBeCloseTo(-1 / 6, 12);
  });

  it('find a closed, consistently wound surface', () => {
    expect(edgeTopology(meshOf(faces))).toEqual({ edges: 6, boundary: 0, nonManifold: 0, misoriented: 0 });
  });

  it('count the rim of an open surface, flipped faces and edges shared by more than two triangles', () => {
    expect(edgeTopology(meshOf(faces.slice(1)))).toMatchObject({ boundary: 3, nonManifold: 0, misoriented: 0 });
    expect(edgeTopology(meshOf([[0, 1, 2], ...faces.slice(1)]))).toMatchObject({ boundary: 0, misoriented: 3 });
    expect(edgeTopology(meshOf([...faces, [0, 1, 2]]))).toMatchObject({ nonManifold: 3 });
  });
});
