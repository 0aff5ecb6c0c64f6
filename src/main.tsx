import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App.tsx';
import './ui/styles.css';

// Test accessors (and the three.js stats they read) stay out of the production bundle.
if (import.meta.env.MODE !== 'production') void import('./ui/test-hooks.ts').then((m) => m.installTestHooks(window));

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
