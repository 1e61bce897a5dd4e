// The engine process is TypeScript run through tsx, like bin/luat-studio.js,
// so the app ships the same engine sources the CLI runs.
import { register } from 'tsx/esm/api';

register();
await import('./engineHost.ts');
