// The console's build: React through Vite, everything bundled into dist/ (no CDN), served by
// Gatehouse itself at `/` (src/console-serve/). `npm run console:build`; console/build.ts rebuilds
// only when the sources changed.
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    assetsDir: 'console-assets', // /assets/ is the service's own pages' (src/web)
    emptyOutDir: true,
    sourcemap: false,
    // Inline nothing: the sign-in pages' strict CSP (no inline script) applies to the console too.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 600,
  },
  logLevel: 'warn',
});
