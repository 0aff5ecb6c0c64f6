import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

// Layering rules of DESIGN.md §2: core ← gpu ← ml ← workers/cli ; core ← state ← render/ui.
const banned = (...groups) => ({
  'no-restricted-imports': [
    'error',
    {
      patterns: groups.map((group) => ({
        group: [group.pattern],
        message: group.why,
      })),
    },
  ],
});
const ui = { pattern: '**/ui/**', why: 'lower layers must not import UI code' };
const state = { pattern: '**/state/**', why: 'lower layers must not import stores' };
const render = { pattern: '**/render/**', why: 'lower layers must not import rendering code' };
const ml = { pattern: '**/ml/**', why: 'core/gpu must not import ml' };
const gpu = { pattern: '**/gpu/**', why: 'core must not import gpu' };
const cli = { pattern: '**/cli/**', why: 'only bin/ imports the CLI' };
const workers = { pattern: '**/workers/**', why: 'import workers through their client helper, not directly' };
const react = { pattern: 'react', why: 'this layer must not depend on React' };
const reactDom = { pattern: 'react-dom', why: 'this layer must not depend on React' };
const three = { pattern: 'three', why: 'three.js belongs in src/render and src/ui' };
const tf = { pattern: '@tensorflow/*', why: 'tfjs belongs in src/ml and src/gpu' };
const nodeGpu = { pattern: '**/gpu/node/**', why: 'Node-only (Dawn, fs): browser code and workers must never bundle it' };
const dawn = { pattern: 'webgpu', why: "Dawn for Node: only src/gpu/node may import the 'webgpu' package" };

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'tmp-scratch/**', 'test-results/**', 'playwright-report/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/**/*.tsx', 'src/ui/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  { files: ['src/core/**'], rules: banned(ui, state, render, ml, gpu, cli, workers, react, reactDom, three, tf) },
  { files: ['src/gpu/**'], rules: banned(ui, state, render, ml, cli, workers, react, reactDom, three) },
  { files: ['src/gpu/browser/**'], rules: banned(ui, state, render, ml, cli, workers, react, reactDom, three, nodeGpu, dawn) },
  { files: ['src/ml/**'], rules: banned(ui, state, render, cli, workers, react, reactDom, three, nodeGpu, dawn) },
  // Node-side ML tests pick their backend through src/gpu/node.
  { files: ['src/ml/testing/**', 'src/ml/**/*.test.ts'], rules: banned(ui, state, render, cli, workers, react, reactDom, three) },
  { files: ['workers/**'], rules: banned(ui, state, render, cli, react, reactDom, three, nodeGpu, dawn) },
  { files: ['src/cli/**'], rules: banned(ui, state, render, workers, react, reactDom, three) },
  { files: ['src/state/**'], rules: banned(ui, render, ml, gpu, cli, workers, react, reactDom, three, tf) },
  { files: ['src/render/**'], rules: banned(ui, ml, cli, workers, react, reactDom, tf) },
  { files: ['src/ui/**'], rules: banned(ml, cli, tf) },
  {
    files: ['bin/**', 'scripts/**', '*.config.*', '.ci/**'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
