import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/test/**/*.test.ts', 'extension/test/**/*.test.ts'],
    testTimeout: 60_000,
    pool: 'threads',
    // the tests' temporary folders, in one removed at the end (scripts/lib/vitest-tmpdir.mjs)
    globalSetup: ['scripts/lib/vitest-tmpdir.mjs'],
  },
});
