import { defineConfig } from 'vitest/config';
import { withChromiumVulkanLoader } from './src/gpu/node/vulkan-loader.ts';

// Unit tier: pure core/ml/cli logic in Node. The reference tier lives in vitest.reference.config.ts.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'workers/**/*.test.ts', 'bench/**/*.test.ts'],
    exclude: ['**/*.reference.test.ts', 'node_modules/**'],
    environment: 'node',
    testTimeout: 60_000,
    pool: 'forks',
    // ML tests run on webgpu through Dawn, which needs a Vulkan loader when each fork starts: without a
    // system libvulkan1, Debian Chromium's copy (next to SwiftShader). Forks, not threads: see src/gpu/README.md.
    env: withChromiumVulkanLoader(process.env),
  },
});
