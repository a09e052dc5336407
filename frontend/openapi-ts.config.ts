import { defineConfig } from '@hey-api/openapi-ts';

// The spec is dumped from the backend by scripts/generate-client.sh; OPENAPI_OUTPUT lets the
// stale-client check generate into a temporary folder and compare.
export default defineConfig({
  input: process.env.OPENAPI_INPUT ?? 'openapi.json',
  output: {
    path: process.env.OPENAPI_OUTPUT ?? 'src/client',
    postProcess: [],
  },
  plugins: [
    '@hey-api/client-fetch',
    '@hey-api/typescript',
    '@hey-api/sdk',
    '@tanstack/react-query',
  ],
});
