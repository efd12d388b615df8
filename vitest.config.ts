import solid from 'vite-plugin-solid';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [solid()],
  test: {
    include: [
      'client/**/*.test.{ts,tsx}',
      'tools/**/*.test.ts',
      'sync-server/**/*.test.ts',
      'shared/**/*.test.ts',
      'tests/**/*.test.ts',
    ],
    exclude: ['node_modules', 'dist', 'tests/e2e/**'],
    environment: 'node',
    testTimeout: 20_000,
  },
});
