import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 30_000,
    // Each test file removes the directories it made (test/helpers/tempDirs.ts).
    setupFiles: ['test/helpers/removeTempDirs.ts'],
  },
});
