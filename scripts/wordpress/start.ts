/**
 * A real, throwaway WordPress on 127.0.0.1 for trying `luat-studio publish`
 * and for the publish tests: Debian's wordpress, mariadb-server and php
 * packages, run from a temp folder, with no service, no file outside that
 * folder and no network beyond loopback.
 *
 *   node --import tsx scripts/wordpress/start.ts [--port 8080]
 *
 * prints the environment variables `luat-studio publish --to wordpress` reads
 * (the URL, the user and a fresh application password) and keeps running
 * until Ctrl-C, then deletes everything it made.
 *
 * How: MariaDB gets a private datadir and socket (no TCP port), initialised
 * by mariadb-install-db; WordPress runs under PHP's built-in server from a
 * private folder of symlinks to /usr/share/wordpress with its own
 * wp-config.php (router.php explains why); install.php runs WordPress's
 * installer and creates the application password. Application passwords
 * need HTTPS unless WP_ENVIRONMENT_TYPE is 'local', which wp-config sets.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const WORDPRESS = '/usr/share/wordpress';
const INSTALL_HINT = 'apt-get install wordpress mariadb-server php-cli php-mysql (see scripts/install-debian-packages.sh)';

export interface WordPressServer {
  /** Site URL, e.g. http://127.0.0.1:40123 (no trailing slash). */
  url: string;
  user: string;
  /** Application password for `user`, for the REST API (Basic auth). */
  applicationPassword: string;
  /** The admin's login password, for the dashboard in a browser. */
  adminPassword: string;
  /** Temp folder holding the database, the uploads and the logs. */
  dir: string;
  stop(): Promise<void>;
}

export interface StartOptions {
  port?: number;
  /** Seconds to wait for MariaDB and PHP to answer (default 60). */
  timeoutSec?: number;
}

function findBinary(name: string): string {
  for (const dir of [...(process.env['PATH'] ?? '').split(path.delimiter), '/usr/sbin', '/usr/bin', '/sbin']) {
    if (dir && existsSync(path.join(dir, name))) return path.join(dir, name);
  }
  throw new Error(`${name} not found; install it with: ${INSTALL_HINT}`);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): string {
  const result = spawnSync(command, args, { encoding: 'utf8', env, timeout: 60_000 });
  if (result.status !== 0) {
    throw new Error(`${path.basename(command)} failed (${result.status ?? result.signal}): ${result.stderr || result.stdout}`);
  }
  return result.stdout;
}

function phpString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function wpConfig(o: { url: string; contentDir: string; socket: string; dbName: string; dbUser: string; dbPassword: string }): string {
  const define = (name: string, value: string | boolean) =>
    `define('${name}', ${typeof value === 'boolean' ? String(value) : phpString(value)});`;
  const salts = ['AUTH_KEY', 'SECURE_AUTH_KEY', 'LOGGED_IN_KEY', 'NONCE_KEY', 'AUTH_SALT', 'SECURE_AUTH_SALT', 'LOGGED_IN_SALT', 'NONCE_SALT']
    .map((name) => define(name, randomBytes(32).toString('hex')));
  return [
    '<?php',
    '// Written by scripts/wordpress/start.ts for a throwaway test site.',
    define('DB_NAME', o.dbName),
    define('DB_USER', o.dbUser),
    define('DB_PASSWORD', o.dbPassword),
    define('DB_HOST', `localhost:${o.socket}`),
    define('DB_CHARSET', 'utf8mb4'),
    define('DB_COLLATE', ''),
    define('WP_HOME', o.url),
    define('WP_SITEURL', o.url),
    define('WP_CONTENT_DIR', o.contentDir),
    define('WP_CONTENT_URL', `${o.url}/wp-content`),
    // Application passwords over plain HTTP are allowed only on a 'local' site.
    define('WP_ENVIRONMENT_TYPE', 'local'),
    // No update checks, no cron pings, no outgoing requests at all.
    define('AUTOMATIC_UPDATER_DISABLED', true),
    define('DISABLE_WP_CRON', true),
    define('WP_HTTP_BLOCK_EXTERNAL', true),
    // A PHP notice printed into a REST answer would break its JSON.
    define('WP_DEBUG', false),
    define('WP_DEBUG_DISPLAY', false),
    ...salts,
    "$table_prefix = 'wp_';",
    "require_once ABSPATH . 'wp-settings.php';",
    '',
  ].join('\n');
}

/** Symlinks to Debian's WordPress, except wp-config.php and wp-content, which are our own. */
async function makeRoot(root: string, contentDir: string): Promise<void> {
  await mkdir(root, { recursive: true });
  for (const name of await readdir(WORDPRESS)) {
    if (name === 'wp-config.php' || name === 'wp-content' || name.startsWith('.')) continue;
    await symlink(path.join(WORDPRESS, name), path.join(root, name));
  }
  await mkdir(path.join(contentDir, 'uploads'), { recursive: true });
  for (const name of ['themes', 'plugins']) {
    await symlink(path.join(WORDPRESS, 'wp-content', name), path.join(contentDir, name));
  }
}

/**
 * Each server runs in its own process group (spawned detached): PHP's
 * built-in server forks its workers (PHP_CLI_SERVER_WORKERS), and they
 * outlive a master that is only sent SIGTERM, so the whole group is signalled.
 */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

function stopProcess(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    signalGroup(child, 'SIGKILL');
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      // Workers of a master that has exited.
      signalGroup(child, 'SIGKILL');
      resolve();
    });
    signalGroup(child, 'SIGTERM');
  });
}

async function waitFor(what: string, check: () => Promise<boolean> | boolean, timeoutSec: number, child?: ChildProcess, log?: string): Promise<void> {
  const deadline = Date.now() + timeoutSec * 1000;
  for (;;) {
    if (await check()) return;
    if (child && (child.exitCode !== null || child.signalCode !== null)) {
      throw new Error(`${what} exited (${child.exitCode ?? child.signalCode})${log ? `; see ${log}` : ''}`);
    }
    if (Date.now() > deadline) throw new Error(`${what} did not start within ${timeoutSec} s${log ? `; see ${log}` : ''}`);
    await sleep(100);
  }
}

export async function startWordPress(options: StartOptions = {}): Promise<WordPressServer> {
  const timeoutSec = options.timeoutSec ?? 60;
  if (!existsSync(path.join(WORDPRESS, 'wp-settings.php'))) throw new Error(`WordPress is not installed in ${WORDPRESS}; ${INSTALL_HINT}`);
  const installDb = findBinary('mariadb-install-db');
  const mariadbd = findBinary('mariadbd');
  const client = findBinary('mariadb');
  const php = findBinary('php');

  const dir = await mkdtemp(path.join(os.tmpdir(), 'luat-wp-'));
  const children: ChildProcess[] = [];
  // If the caller dies without stop(), do not leave a database server behind.
  const killOnExit = () => {
    for (const child of children) signalGroup(child, 'SIGKILL');
  };
  process.on('exit', killOnExit);

  const stop = async () => {
    process.off('exit', killOnExit);
    for (const child of [...children].reverse()) await stopProcess(child, 10_000);
    await rm(dir, { recursive: true, force: true });
  };

  try {
    const isRoot = process.getuid?.() === 0;
    const dbUserOs = isRoot ? 'root' : os.userInfo().username;
    const datadir = path.join(dir, 'db');
    const socket = path.join(dir, 'mysql.sock');
    const dbLog = path.join(dir, 'mariadb.log');
    const small = ['--innodb-log-file-size=8M', '--innodb-buffer-pool-size=32M'];
    run(installDb, [
      '--no-defaults', `--datadir=${datadir}`, '--auth-root-authentication-method=socket', '--skip-test-db',
      ...(isRoot ? ['--user=root'] : []), ...small,
    ]);
    const db = spawn(mariadbd, [
      '--no-defaults', `--datadir=${datadir}`, `--socket=${socket}`, '--skip-networking',
      `--pid-file=${path.join(dir, 'mariadb.pid')}`, `--log-error=${dbLog}`,
      ...(isRoot ? ['--user=root'] : []), ...small,
    ], { stdio: 'ignore', detached: true });
    children.push(db);
    const sql = (statement: string) =>
      spawnSync(client, ['--no-defaults', `--socket=${socket}`, '-u', dbUserOs, '-e', statement], { encoding: 'utf8' });
    await waitFor('MariaDB', () => existsSync(socket) && sql('SELECT 1').status === 0, timeoutSec, db, dbLog);
    const dbPassword = randomBytes(12).toString('hex');
    const created = sql(
      `CREATE DATABASE wordpress CHARACTER SET utf8mb4; CREATE USER 'wordpress'@'localhost' IDENTIFIED BY '${dbPassword}'; ` +
      `GRANT ALL ON wordpress.* TO 'wordpress'@'localhost';`,
    );
    if (created.status !== 0) throw new Error(`creating the database failed: ${created.stderr}`);

    const port = options.port ?? (await freePort());
    const url = `http://127.0.0.1:${port}`;
    const root = path.join(dir, 'root');
    const contentDir = path.join(root, 'wp-content');
    await makeRoot(root, contentDir);
    await writeFile(path.join(root, 'wp-config.php'), wpConfig({
      url, contentDir, socket, dbName: 'wordpress', dbUser: 'wordpress', dbPassword,
    }));

    const phpLog = path.join(dir, 'php-errors.log');
    const phpSettings = [
      '-d', 'display_errors=0', '-d', 'log_errors=1', '-d', `error_log=${phpLog}`,
      '-d', 'upload_max_filesize=1024M', '-d', 'post_max_size=1024M', '-d', 'memory_limit=1024M',
    ];
    const adminPassword = randomBytes(12).toString('hex');
    const env = { ...process.env, LUAT_WP_ROOT: root, LUAT_WP_URL: url, LUAT_WP_ADMIN_PASSWORD: adminPassword };
    const installed = JSON.parse(run(php, [...phpSettings, path.join(HERE, 'install.php')], env).trim().split('\n').pop() ?? '{}') as {
      user: string;
      applicationPassword: string;
    };

    const server = spawn(php, [...phpSettings, '-S', `127.0.0.1:${port}`, '-t', root, path.join(HERE, 'router.php')], {
      // A few workers, so a slow upload does not hold up every other request.
      env: { ...env, PHP_CLI_SERVER_WORKERS: '4' },
      stdio: 'ignore',
      detached: true,
    });
    children.push(server);
    await waitFor('PHP', async () => {
      try {
        const res = await fetch(`${url}/?rest_route=/`);
        await res.arrayBuffer();
        return res.ok;
      } catch {
        return false;
      }
    }, timeoutSec, server, phpLog);

    return { url, user: installed.user, applicationPassword: installed.applicationPassword, adminPassword, dir, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** By hand: start, print the settings, run until Ctrl-C. */
async function main(argv: string[]): Promise<void> {
  const i = argv.indexOf('--port');
  const port = i >= 0 ? Number(argv[i + 1]) : undefined;
  const started = Date.now();
  const wp = await startWordPress(port === undefined ? {} : { port });
  process.stdout.write([
    `# WordPress is running (started in ${((Date.now() - started) / 1000).toFixed(1)} s). Dashboard: ${wp.url}/wp-admin/ (admin / ${wp.adminPassword})`,
    `export LUAT_STUDIO_WORDPRESS_URL=${wp.url}`,
    `export LUAT_STUDIO_SECRET_WORDPRESS_USER=${wp.user}`,
    `export LUAT_STUDIO_SECRET_WORDPRESS_APPLICATION_PASSWORD='${wp.applicationPassword}'`,
    '# Press Ctrl-C to stop it and delete its data.',
    '',
  ].join('\n'));
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await wp.stop();
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exitCode = 1;
  });
}
