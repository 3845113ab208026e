import preact from '@preact/preset-vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [preact()],
  test: {
    name: 'pwa',
    environment: 'happy-dom',
    // Threads start faster than forked processes; nothing here needs a process of its own.
    pool: 'threads',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['fake-indexeddb/auto', './src/test-setup.ts'],
    testTimeout: 30_000,
  },
});
