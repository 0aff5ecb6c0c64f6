import type { TomopickTestHooks } from '../src/ui/test-hooks.ts';

declare global {
  interface Window {
    __tomopick?: TomopickTestHooks;
  }
}
