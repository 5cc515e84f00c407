import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from './serve';

// Entry point of `npm run serve` (scripts/serve.mjs builds the UI, then runs this under tsx).
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
await serve(process.argv.slice(2), process.env, process.env.COUNTER_UI_DIR ?? resolve(root, 'out/renderer'));
