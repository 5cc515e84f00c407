// `npm start`: the Electron kiosk. Electron's own postinstall (which downloads its binary) is not
// allowed to run at `npm install`, so that installs work offline and in CI; fetch it here, once,
// when someone actually starts the desktop app.
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = join(root, 'node_modules/electron');
const run = (args, what) => {
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(what);
    process.exit(result.status ?? 1);
  }
};

if (!existsSync(join(electronDir, 'path.txt'))) {
  console.error('Downloading the Electron binary (first start only)…');
  run([join(electronDir, 'install.js')], 'The Electron binary could not be downloaded. Without it, run the headless kiosk: npm run serve');
}

// node_modules holds better-sqlite3 built for Node (tests, `npm run serve`). Electron needs its own
// ABI: build a second copy in .electron-native/ and hand its path to the engine (packaged apps get
// theirs from electron-builder instead).
const electronVersion = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version;
const nativeDir = join(root, '.electron-native');
const binding = join(nativeDir, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node');
const stamp = join(nativeDir, 'electron-version');
if (!existsSync(binding) || !existsSync(stamp) || readFileSync(stamp, 'utf8') !== electronVersion) {
  console.error(`Building better-sqlite3 for Electron ${electronVersion} (first start only)…`);
  const source = join(root, 'node_modules/better-sqlite3');
  const version = JSON.parse(readFileSync(join(source, 'package.json'), 'utf8')).version;
  mkdirSync(join(nativeDir, 'node_modules'), { recursive: true });
  writeFileSync(
    join(nativeDir, 'package.json'),
    JSON.stringify({ name: 'electron-native', private: true, dependencies: { 'better-sqlite3': version } }),
  );
  cpSync(source, join(nativeDir, 'node_modules/better-sqlite3'), { recursive: true, filter: (path) => !path.includes('/build/') });
  const { rebuild } = await import('@electron/rebuild');
  await rebuild({ buildPath: nativeDir, electronVersion, onlyModules: ['better-sqlite3'], force: true });
  writeFileSync(stamp, electronVersion);
}
process.env.COUNTER_SQLITE_BINDING = binding;

run([join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], 'The Electron build failed; see above.');
run([join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'preview', '--skipBuild'], 'Counter exited with an error.');
