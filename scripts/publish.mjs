// `npm run publish -- --to DIR|URL`: copies or PUTs the kiosk's current Status List Tokens (DESIGN §11).
import { register } from 'tsx/esm/api';

register();
await import('../electron/engine/host/publish-cli.ts');
