import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Cross-origin isolation lets volumes live in a SharedArrayBuffer (DESIGN.md §5).
const crossOriginIsolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  plugins: [react()],
  server: { headers: crossOriginIsolation, port: 5173 },
  preview: { headers: crossOriginIsolation, port: 4173 },
  worker: { format: 'es' },
  // Scan the workers too: otherwise the first `npm start` discovers tfjs/geotiff only when a worker
  // loads, re-optimises and reloads the page mid-start (and the workers' stale imports fail).
  optimizeDeps: { entries: ['index.html', 'workers/*.worker.ts'] },
  // tfjs (≈2 MB) lives in the infer worker and three.js in the lazily loaded 3D view: both expected.
  build: { target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 2500 },
});
