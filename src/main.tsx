import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App.tsx';
import { installTestHooks } from './ui/test-hooks.ts';
import './ui/styles.css';

if (import.meta.env.MODE !== 'production') installTestHooks(window);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
