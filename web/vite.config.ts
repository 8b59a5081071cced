import preact from '@preact/preset-vite';
import { defineConfig, type Plugin } from 'vite';

// In development the API runs separately (e.g. `PORT=3100 npm run serve`); Vite forwards /api to it.
// The Host header is kept (no changeOrigin) so the server's same-origin check accepts writes.
const apiTarget = process.env.OTMETKA_API ?? 'http://127.0.0.1:3100';

const BOOT_ENTRY = 'boot';

/**
 * The boot script (src/boot.ts) is its own small entry, put at the top of the built page as an
 * async module: it sends the first screen's requests while the main bundle is still downloading.
 * (Vite joins every script of index.html into one entry, so it is added here, after the build.)
 */
function bootScript(): Plugin {
  return {
    name: 'otmetka-boot-script',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, { bundle }) {
        const boot = Object.values(bundle ?? {}).find((file) => file.type === 'chunk' && file.isEntry && file.name === BOOT_ENTRY);
        if (!boot) throw new Error('the boot entry is missing from the bundle');
        return [
          { tag: 'script', attrs: { type: 'module', async: true, crossorigin: true, src: `/${boot.fileName}` }, injectTo: 'head-prepend' },
        ];
      },
    },
  };
}

/**
 * React Router reads `use` and `useOptimistic` off the React object for its data APIs, which the app
 * does not use; preact/compat has neither (docs/decisions/005). Every other warning is shown.
 */
function isRouterProbingReact19(warning: { code?: string; message: string }): boolean {
  return (
    warning.code === 'IMPORT_IS_UNDEFINED' &&
    /Import `(use|useOptimistic)` will always be undefined/.test(warning.message) &&
    /preact[\\/]compat/.test(warning.message)
  );
}

export default defineConfig({
  // Preact's React layer (preact/compat) in place of react-dom: the app is written against React's
  // API, and the main script a phone downloads and evaluates shrinks from 80 to 26 KiB of brotli
  // (docs/decisions/005).
  plugins: [preact({ prerender: { enabled: false } }), bootScript()],
  resolve: { alias: { '@contract': new URL('../contract', import.meta.url).pathname } },
  server: { proxy: { '/api': { target: apiTarget } } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    rollupOptions: {
      onLog(level, log, handler) {
        if (isRouterProbingReact19(log)) return;
        handler(level, log);
      },
      input: {
        index: new URL('./index.html', import.meta.url).pathname,
        [BOOT_ENTRY]: new URL('./src/boot.ts', import.meta.url).pathname,
      },
    },
  },
});
