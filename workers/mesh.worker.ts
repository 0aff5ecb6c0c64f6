/// <reference lib="webworker" />
/** The mesh engine's worker (see mesh.engine.ts). */
import * as Comlink from 'comlink';
import { createMeshEngine } from './mesh.engine.ts';

Comlink.expose(createMeshEngine());
