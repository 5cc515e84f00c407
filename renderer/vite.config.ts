import react from '@vitejs/plugin-react';
import { defineConfig, type UserConfig } from 'vite';

/**
 * One renderer build for both hosts: `electron-vite build` (electron.vite.config.ts) and
 * `vite build --config renderer/vite.config.ts` (npm run serve) both write the same out/renderer.
 * The Content-Security-Policy comes from whoever serves it: the engine in headless mode
 * (electron/engine/http/static-ui.ts), the app:// handler in Electron (electron/main).
 */
export function rendererConfig(rendererDir: string): UserConfig {
  return {
    root: rendererDir,
    // Relative asset URLs work from app://counter/ in Electron and from / in headless mode.
    base: './',
    plugins: [react()],
    build: {
      outDir: `${rendererDir}/../out/renderer`,
      emptyOutDir: true,
      // Electron 41 ships Chromium 146; headless-mode browsers are any current evergreen one.
      target: 'es2023',
      // Set explicitly so that both builds agree (electron-vite's defaults differ from vite's).
      minify: true,
      modulePreload: { polyfill: false },
      reportCompressedSize: false,
      // One chunk of React, zod, i18next and both catalogs (about 510 KB, 150 KB gzipped) is loaded
      // once from the kiosk itself; the document parsers are split off (view/scanned-document.ts).
      chunkSizeWarningLimit: 700,
      rolldownOptions: { input: `${rendererDir}/index.html` },
    },
  };
}

export default defineConfig(rendererConfig(import.meta.dirname));
