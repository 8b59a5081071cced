import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// In development the API runs separately (e.g. `PORT=3100 npm run serve`); Vite forwards /api to it.
// The Host header is kept (no changeOrigin) so the server's same-origin check accepts writes.
const apiTarget = process.env.OTMETKA_API ?? 'http://127.0.0.1:3100';

export default defineConfig({
  plugins: [react()],
  resolve: { alias: { '@contract': new URL('../contract', import.meta.url).pathname } },
  server: { proxy: { '/api': { target: apiTarget } } },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false },
});
