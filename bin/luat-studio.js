#!/usr/bin/env node
// The luat-studio command: dist/cli/main.js (npm ci and `npm run build` make
// it), or cli/main.ts through tsx while the build is missing or older than
// the sources. See ./launch.mjs.
import { launch } from './launch.mjs';

await launch('dist/cli/main.js', 'cli/main.ts');
