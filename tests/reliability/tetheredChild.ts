/**
 * A stand-in for the studio (tests/reliability/tether.test.ts): starts the program given in its
 * arguments, tethered, prints the child's pid, then waits to be killed. `spawn` starts it with
 * spawnTethered (as ffmpeg is started); `wrapper` through tetheredExecutable's wrapper, the way
 * Playwright starts a browser (in a process group of its own).
 */
import { spawn } from 'node:child_process';
import { spawnTethered, tetheredExecutable } from '../../engine/runTemp.js';

const [how, program, ...args] = process.argv.slice(2);
const child = how === 'wrapper'
  ? spawn(tetheredExecutable(program!)!, args, { stdio: 'ignore', detached: true })
  : spawnTethered(program!, args, { stdio: 'ignore' });
child.once('spawn', () => process.stdout.write(`${child.pid}\n`));
setInterval(() => {}, 60_000);
