import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/build.setup.ts'],
    // The bot must behave the same whatever the machine's zone: run the suite far from Shanghai.
    env: { TZ: 'America/New_York' },
    testTimeout: 20_000,
  },
});
