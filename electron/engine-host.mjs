// The desktop app's engine process (started by electron/main.ts): the
// compiled dist/electron/engineHost.js, or engineHost.ts through tsx while
// the build is missing or older than the sources, exactly as the CLI starts.
import { launch } from '../bin/launch.mjs';

await launch('dist/electron/engineHost.js', 'electron/engineHost.ts');
