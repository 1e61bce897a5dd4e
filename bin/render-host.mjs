// A render process (engine/api/renderHost.ts), forked by the studio for each
// render job: the compiled dist/engine/renderHost.js, or the TypeScript
// through tsx while the build is missing or older than the sources.
import { launch } from './launch.mjs';

await launch('dist/engine/renderHost.js', 'engine/api/renderHost.ts');
