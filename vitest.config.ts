import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['shared', 'pwa', 'sync-server', 'e2e'],
    // Vitest's default (one worker less than the cores) is a single worker on the 2-core
    // machines we run on: the unit and integration files then ran one at a time.
    maxWorkers: Math.max(2, availableParallelism()),
  },
});
