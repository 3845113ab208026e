import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['shared', 'pwa', 'sync-server', 'e2e'],
  },
});
