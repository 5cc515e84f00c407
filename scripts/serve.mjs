// `npm run serve`: build the counter UI if it is missing or stale, then run the headless kiosk
// in this same process (so that signals and exit codes are the server's own).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const builtIndex = join(root, 'out/renderer/index.html');
const viteConfig = join(root, 'renderer/vite.config.ts');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const uiIsStale = () =>
  !existsSync(builtIndex) ||
  Math.max(newestMtime(join(root, 'renderer')), newestMtime(join(root, 'shared'))) > statSync(builtIndex).mtimeMs;

if (process.env.COUNTER_SKIP_UI_BUILD !== '1' && existsSync(viteConfig) && uiIsStale()) {
  console.error('Building the counter UI…');
  const build = spawnSync(
    process.execPath,
    [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', viteConfig, '--logLevel', 'warn'],
    {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  if (build.status !== 0) {
    console.error('The counter UI failed to build; see above.');
    process.exit(1);
  }
}

register();
await import('../electron/engine/host/cli.ts');
