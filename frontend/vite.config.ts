/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const api = process.env.SHIFTWISE_API ?? 'http://127.0.0.1:8000';

export default defineConfig({
  plugins: [react()],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  server: { proxy: { '/api': api, '/calendar': api } },
  build: {
    // Fluent is one chunk of ~590 kB, shared by every screen.
    chunkSizeWarningLimit: 650,
    // Each screen is a chunk of its own (src/app/router.tsx); the big libraries every screen
    // shares are chunks of their own too, so a release that changes one screen leaves them
    // cached, and Fluent is split by the screens that use each part of it.
    rolldownOptions: {
      // A feature's modules do nothing on import but define things, so importing one export
      // of its index (the shell takes `useSignOut`) must not bring the rest of the feature (the
      // sign-in form, with React Hook Form and Zod) into the first chunk.
      treeshake: {
        moduleSideEffects: (id) => (/[\\/]src[\\/]features[\\/]/.test(id) ? false : undefined),
      },
      output: {
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/,
              priority: 3,
            },
            { name: 'query', test: /node_modules[\\/]@tanstack[\\/]/, priority: 2 },
            {
              name: 'fluent',
              test: /node_modules[\\/](@fluentui|@griffel|@floating-ui|tabster|keyborg|@swc|stylis|rtl-css-js|embla-carousel[^\\/]*)[\\/]/,
              priority: 1,
            },
            {
              name: 'form-libs',
              test: /node_modules[\\/](react-hook-form|@hookform|zod)[\\/]/,
              priority: 1,
            },
          ],
        },
      },
    },
  },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
    // The CI machine has two cores shared with the backend's suites.
    testTimeout: 20_000,
  },
});
