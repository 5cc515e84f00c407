import { fileURLToPath } from 'node:url';
import { defineConfig } from 'electron-vite';
import { rendererConfig } from './renderer/vite.config';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  main: {
    build: {
      // Node packages (better-sqlite3 above all) load from node_modules at run time.
      externalizeDeps: true,
      lib: { entry: `${root}electron/main/index.ts` },
    },
  },
  preload: {
    build: {
      // A sandboxed preload can require nothing but 'electron' (and a few polyfills): bundle it
      // whole, as CommonJS, because sandboxed preloads cannot be ES modules (NOTES.md).
      externalizeDeps: false,
      // One entry, one file: a sandboxed preload cannot require a chunk of its own. The customer
      // display's window runs the same preload, which then exposes only that window's bridge.
      lib: { entry: `${root}electron/preload/index.ts`, formats: ['cjs'] },
      rolldownOptions: { output: { entryFileNames: '[name].cjs' } },
    },
  },
  renderer: rendererConfig(`${root}renderer`),
});
