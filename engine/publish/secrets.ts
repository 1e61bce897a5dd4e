/**
 * Tokens and application passwords: where they are kept and how they are
 * kept out of everything else.
 *
 * Stores, by where the studio runs:
 * - the desktop app: CipherFileSecretStore with Electron's safeStorage as the
 *   cipher (the app passes it in; the engine never imports Electron);
 * - the CLI: environment variables (LUAT_STUDIO_SECRET_<CHANNEL>_<NAME>),
 *   then the OS keyring (Windows Credential Manager, macOS Keychain, the
 *   Secret Service on Linux desktops) through @napi-rs/keyring.
 * Never in project files, the library, the queue or the audit log: those hold
 * channel names and remote ids only.
 *
 * Every secret a store hands out is remembered in this process, and
 * `redact()` masks all of them (and anything shaped like a credential) in any
 * text bound for a log, an error, the queue file or the terminal.
 */
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { StudioError } from '../errors.js';
import { redactedMessage, rememberSecret } from '../redact.js';
import { writeFileDurably } from '../fs/durable.js';

export interface SecretStore {
  /** 'env', 'keyring', 'file' … for messages. */
  readonly kind: string;
  get(channel: string, name: string): Promise<string | null>;
  /** Every secret held for a channel, when the store can enumerate them (the environment can; a keyring cannot). */
  list?(channel: string): Promise<Record<string, string>>;
  set?(channel: string, name: string, value: string): Promise<void>;
  delete?(channel: string, name: string): Promise<void>;
}

// Redaction lives in ../redact.ts (the crash log needs it too); re-exported for the publish modules.
export { rememberSecret, redact, redactedMessage } from '../redact.js';

// ---------------------------------------------------------------- stores

function upperSnake(text: string): string {
  return text.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/[^A-Za-z0-9]+/g, '_').toUpperCase();
}

/** LUAT_STUDIO_SECRET_WORDPRESS_APPLICATION_PASSWORD for ('wordpress', 'applicationPassword'). */
export function secretEnvName(channel: string, name: string): string {
  return `LUAT_STUDIO_SECRET_${upperSnake(channel)}_${upperSnake(name)}`;
}

function camel(snake: string): string {
  return snake.toLowerCase().replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

export class EnvSecretStore implements SecretStore {
  readonly kind = 'env';
  constructor(private readonly env: NodeJS.ProcessEnv = process.env) {}

  async get(channel: string, name: string): Promise<string | null> {
    const value = this.env[secretEnvName(channel, name)];
    return value ? value : null;
  }

  async list(channel: string): Promise<Record<string, string>> {
    const prefix = `LUAT_STUDIO_SECRET_${upperSnake(channel)}_`;
    const out: Record<string, string> = {};
    for (const [key, value] of Object.entries(this.env)) {
      if (key.startsWith(prefix) && value) out[camel(key.slice(prefix.length))] = value;
    }
    return out;
  }
}

/** Encrypts and decrypts one secret; Electron's safeStorage fits (encryptString / decryptString). */
export interface SecretCipher {
  encrypt(plain: string): Buffer | Promise<Buffer>;
  decrypt(sealed: Buffer): string | Promise<string>;
}

interface SealedFile {
  version: 1;
  /** "<channel>:<name>" → base64 of the sealed secret. */
  entries: Record<string, string>;
}

/**
 * Secrets sealed by a cipher the platform keeps the key of, in one file in the
 * app's own config folder (never in a project or the library). The file
 * holds only ciphertext; it is replaced durably on each change.
 */
export class CipherFileSecretStore implements SecretStore {
  readonly kind = 'file';
  constructor(readonly file: string, private readonly cipher: SecretCipher) {}

  private async load(): Promise<SealedFile> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, entries: {} };
      throw error;
    }
    try {
      const parsed = JSON.parse(text) as SealedFile;
      if (parsed.version !== 1 || typeof parsed.entries !== 'object' || parsed.entries === null) throw new Error('shape');
      return parsed;
    } catch (cause) {
      throw new StudioError('publish.secretsFileDamaged', { path: this.file }, { cause });
    }
  }

  async get(channel: string, name: string): Promise<string | null> {
    const sealed = (await this.load()).entries[`${channel}:${name}`];
    if (!sealed) return null;
    try {
      return await this.cipher.decrypt(Buffer.from(sealed, 'base64'));
    } catch (cause) {
      throw new StudioError('publish.secretUnreadable', { channel, credential: name }, { cause });
    }
  }

  async list(channel: string): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const key of Object.keys((await this.load()).entries)) {
      const [ch, name] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
      if (ch !== channel) continue;
      const value = await this.get(channel, name);
      if (value) out[name] = value;
    }
    return out;
  }

  async set(channel: string, name: string, value: string): Promise<void> {
    const data = await this.load();
    data.entries[`${channel}:${name}`] = Buffer.from(await this.cipher.encrypt(value)).toString('base64');
    await this.save(data);
  }

  async delete(channel: string, name: string): Promise<void> {
    const data = await this.load();
    delete data.entries[`${channel}:${name}`];
    await this.save(data);
  }

  private async save(data: SealedFile): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 });
    await writeFileDurably(this.file, `${JSON.stringify(data, null, 2)}\n`);
  }
}

interface KeyringEntry {
  getPassword(): Promise<string | null>;
  setPassword(password: string): Promise<void>;
  deletePassword(): Promise<boolean>;
}
type KeyringModule = { AsyncEntry: new (service: string, account: string) => KeyringEntry };

/**
 * The OS keyring. On a Linux without a Secret Service (a server, a container)
 * every call fails: `get` then answers null, so the environment still works,
 * and `set` throws publish.keyringUnavailable.
 */
export class KeyringSecretStore implements SecretStore {
  readonly kind = 'keyring';
  private module: Promise<KeyringModule | null> | null = null;
  constructor(private readonly service = 'luat-studio') {}

  private load(): Promise<KeyringModule | null> {
    // Loaded lazily: a missing native binary for this platform must not break the CLI.
    this.module ??= import('@napi-rs/keyring').then((m) => m as unknown as KeyringModule, () => null);
    return this.module;
  }

  private async entry(channel: string, name: string): Promise<KeyringEntry | null> {
    const keyring = await this.load();
    return keyring ? new keyring.AsyncEntry(this.service, `${channel}:${name}`) : null;
  }

  /** Whether secrets can be stored here: writes and removes a probe entry (reads alone may answer null on a keyring that refuses writes). */
  async available(): Promise<boolean> {
    const entry = await this.entry('probe', 'probe');
    if (!entry) return false;
    try {
      await entry.setPassword('probe');
      await entry.deletePassword();
      return true;
    } catch {
      return false;
    }
  }

  async get(channel: string, name: string): Promise<string | null> {
    const entry = await this.entry(channel, name);
    if (!entry) return null;
    try {
      return await entry.getPassword();
    } catch {
      return null;
    }
  }

  async set(channel: string, name: string, value: string): Promise<void> {
    const entry = await this.entry(channel, name);
    try {
      if (!entry) throw new Error('no keyring module');
      await entry.setPassword(value);
    } catch (cause) {
      throw new StudioError('publish.keyringUnavailable', { channel, credential: name, env: secretEnvName(channel, name) }, { cause: redactedMessage(cause) });
    }
  }

  async delete(channel: string, name: string): Promise<void> {
    const entry = await this.entry(channel, name);
    try {
      await entry?.deletePassword();
    } catch {
      // Nothing stored, or no keyring: nothing to delete.
    }
  }
}

/** Asks each store in turn; the first that has the secret wins. */
export class ChainSecretStore implements SecretStore {
  readonly kind: string;
  constructor(private readonly stores: SecretStore[]) {
    this.kind = stores.map((s) => s.kind).join('+');
  }

  async get(channel: string, name: string): Promise<string | null> {
    for (const store of this.stores) {
      const value = await store.get(channel, name);
      if (value) return value;
    }
    return null;
  }

  async list(channel: string): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const store of [...this.stores].reverse()) Object.assign(out, (await store.list?.(channel)) ?? {});
    return out;
  }
}

/** The CLI's store: the environment first, then the OS keyring. */
export function cliSecretStore(env: NodeJS.ProcessEnv = process.env): SecretStore {
  return new ChainSecretStore([new EnvSecretStore(env), new KeyringSecretStore()]);
}

/**
 * The secrets an adapter needs, each remembered for redaction. A missing one
 * is a clear error naming the environment variable that would provide it.
 */
export async function channelCredentials(
  store: SecretStore,
  channel: string,
  names: readonly string[] | undefined,
): Promise<Record<string, string>> {
  const out: Record<string, string> = names ? {} : ((await store.list?.(channel)) ?? {});
  for (const name of names ?? []) {
    const value = await store.get(channel, name);
    if (!value) throw new StudioError('publish.secretMissing', { channel, credential: name, env: secretEnvName(channel, name) });
    out[name] = value;
  }
  for (const value of Object.values(out)) rememberSecret(value);
  return out;
}
