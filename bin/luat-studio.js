#!/usr/bin/env node
// The studio is written in TypeScript and run from source through tsx, so a
// checkout needs no build step before `npx luat-studio` works.
import { register } from 'tsx/esm/api';

register();
await import('../cli/main.ts');
