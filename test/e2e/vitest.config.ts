import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: import.meta.dirname + '/../..',
    include: ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    // One Chromium and one server per file at a time: the CI machine has two cores.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Each test file removes the directories it made (test/helpers/tempDirs.ts).
    setupFiles: ['test/helpers/removeTempDirs.ts'],
  },
});
