import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { StudioError } from '../../engine/errors.js';
import { RetryableError } from '../../engine/publish/channel.js';
import {
  ChainSecretStore, channelCredentials, CipherFileSecretStore, EnvSecretStore, KeyringSecretStore, redact, redactedMessage,
  secretEnvName, type SecretCipher,
} from '../../engine/publish/secrets.js';
import { WordPressClient } from '../../engine/publish/wordpress/client.js';
import { tempDir } from './fixtures.js';

/** AES-256-GCM with a key held in memory: what Electron's safeStorage does with the OS's key. */
function testCipher(key = randomBytes(32)): SecretCipher {
  return {
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decrypt(sealed) {
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
      decipher.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

describe('secret stores', () => {
  it('reads LUAT_STUDIO_SECRET_<CHANNEL>_<NAME> from the environment', async () => {
    expect(secretEnvName('wordpress', 'applicationPassword')).toBe('LUAT_STUDIO_SECRET_WORDPRESS_APPLICATION_PASSWORD');
    expect(secretEnvName('portal-package', 'token')).toBe('LUAT_STUDIO_SECRET_PORTAL_PACKAGE_TOKEN');
    const store = new EnvSecretStore({ LUAT_STUDIO_SECRET_FACEBOOK_PAGE_ACCESS_TOKEN: 'EAAB-page', LUAT_STUDIO_SECRET_WORDPRESS_USER: 'admin' });
    expect(await store.get('facebook', 'pageAccessToken')).toBe('EAAB-page');
    expect(await store.list('facebook')).toEqual({ pageAccessToken: 'EAAB-page' });
    const missing = await channelCredentials(store, 'wordpress', ['user', 'applicationPassword']).then(() => null, (e: unknown) => e);
    expect(missing).toBeInstanceOf(StudioError);
    expect((missing as StudioError).params).toMatchObject({ credential: 'applicationPassword', env: 'LUAT_STUDIO_SECRET_WORDPRESS_APPLICATION_PASSWORD' });
  });

  it('keeps sealed secrets in a file that holds no plain text, and reads them back', async () => {
    const file = path.join(await tempDir('secrets'), 'secrets.json');
    const cipher = testCipher();
    const store = new CipherFileSecretStore(file, cipher);
    const token = 'EAAB-very-secret-page-token-123';
    await store.set('facebook', 'pageAccessToken', token);
    await store.set('wordpress', 'applicationPassword', 'abcd efgh ijkl mnop');
    const text = await readFile(file, 'utf8');
    expect(text).not.toContain(token);
    expect(text).not.toContain('abcd');
    expect(await new CipherFileSecretStore(file, cipher).get('facebook', 'pageAccessToken')).toBe(token);
    expect(await store.list('wordpress')).toEqual({ applicationPassword: 'abcd efgh ijkl mnop' });
    await store.delete('facebook', 'pageAccessToken');
    expect(await store.get('facebook', 'pageAccessToken')).toBeNull();
    // Another machine's key cannot open it, and says so.
    const error = await new CipherFileSecretStore(file, testCipher()).get('wordpress', 'applicationPassword').then(() => null, (e: unknown) => e);
    expect((error as StudioError).code).toBe('publish.secretUnreadable');
  });

  it('falls back to the environment where the OS keyring cannot be reached, and says so when asked to store', async () => {
    const keyring = new KeyringSecretStore('luat-studio-test');
    const chain = new ChainSecretStore([new EnvSecretStore({ LUAT_STUDIO_SECRET_ZALO_ACCESS_TOKEN: 'zalo-tok' }), keyring]);
    expect(await chain.get('zalo', 'accessToken')).toBe('zalo-tok');
    if (await keyring.available()) {
      await keyring.set('zalo', 'probe', 'value-1');
      expect(await keyring.get('zalo', 'probe')).toBe('value-1');
      await keyring.delete('zalo', 'probe');
    } else {
      // This machine has no Secret Service (no D-Bus session): reads find nothing, writes fail clearly.
      expect(await keyring.get('zalo', 'accessToken')).toBeNull();
      const error = await keyring.set('zalo', 'accessToken', 'x').then(() => null, (e: unknown) => e);
      expect((error as StudioError).code).toBe('publish.keyringUnavailable');
      expect((error as StudioError).params['env']).toBe('LUAT_STUDIO_SECRET_ZALO_ACCESS_TOKEN');
    }
  });
});

describe('redaction', () => {
  it('masks every secret handed out, and anything shaped like a credential', async () => {
    const store = new EnvSecretStore({ LUAT_STUDIO_SECRET_WORDPRESS_APPLICATION_PASSWORD: 'WxYz 1234 AbCd 5678', LUAT_STUDIO_SECRET_WORDPRESS_USER: 'admin' });
    await channelCredentials(store, 'wordpress', ['user', 'applicationPassword']);
    const text = redact('pw WxYz 1234 AbCd 5678 / WxYz1234AbCd5678; Authorization: Basic YWRtaW46c2VjcmV0; https://graph.x/v1?access_token=EAAB123&x=1 {"refresh_token":"r-9"} https://u:p4ss@host/');
    for (const leaked of ['WxYz 1234', 'WxYz1234AbCd5678', 'YWRtaW46c2VjcmV0', 'EAAB123', 'r-9', 'p4ss']) expect(text).not.toContain(leaked);
    expect(text).toContain('access_token=[redacted]&x=1');
    expect(text).toContain('Authorization: Basic [redacted]');
    // Ordinary words after "Basic" or "Token" are left alone.
    expect(redact('Basic information about the Token expired message')).toBe('Basic information about the Token expired message');
    expect(redactedMessage(new Error('failed', { cause: new Error('token WxYz 1234 AbCd 5678 refused') }))).not.toContain('WxYz');
  });
});

describe('the WordPress client', () => {
  it('turns 503 with Retry-After, 429 and a refused connection into retryable errors', async () => {
    const answers = [
      { status: 503, headers: { 'retry-after': '7' }, body: '<h1>Service Unavailable</h1>' },
      { status: 429, headers: {}, body: '{"code":"too_many"}' },
      { status: 404, headers: {}, body: '<html>not a WordPress</html>' },
    ];
    const server = createServer((_req, res) => {
      const a = answers.shift()!;
      res.writeHead(a.status, a.headers);
      res.end(a.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    try {
      const client = new WordPressClient(`http://127.0.0.1:${port}`, { user: 'u', applicationPassword: 'pw-1234-secret' }, new AbortController().signal);
      const first = await client.request('GET', '/wp/v2/posts').then(() => null, (e: unknown) => e);
      expect(first).toBeInstanceOf(RetryableError);
      expect((first as RetryableError).retryAfterSec).toBe(7);
      expect(await client.request('GET', '/wp/v2/posts').then(() => null, (e: unknown) => e)).toBeInstanceOf(RetryableError);
      const notWp = await client.request('GET', '/wp/v2/posts').then(() => null, (e: unknown) => e);
      expect((notWp as StudioError).code).toBe('publish.wordpress.notWordPress');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    const refused = await new WordPressClient(`http://127.0.0.1:${port}`, { user: 'u', applicationPassword: 'pw-1234-secret' }, new AbortController().signal)
      .request('GET', '/wp/v2/posts').then(() => null, (e: unknown) => e);
    expect(refused).toBeInstanceOf(RetryableError);
    expect((refused as Error).message).toMatch(/network error \((ECONNREFUSED|UND_ERR_SOCKET)\)/);
    expect((refused as Error).message).not.toContain('pw-1234-secret');
  });
});
