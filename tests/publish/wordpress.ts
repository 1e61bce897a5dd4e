/**
 * The real WordPress the portal tests publish to (scripts/wordpress/start.ts):
 * started once per test file, stopped and deleted after it.
 */
import { afterAll, beforeAll } from 'vitest';
import { startWordPress, type WordPressServer } from '../../scripts/wordpress/start.js';

export function useWordPress(): () => WordPressServer {
  let wp: WordPressServer | null = null;
  beforeAll(async () => {
    wp = await startWordPress();
  });
  afterAll(async () => {
    await wp?.stop();
  });
  return () => {
    if (!wp) throw new Error('WordPress did not start');
    return wp;
  };
}

/** The environment `luat-studio publish --to wordpress` reads. */
export function wordPressEnv(wp: WordPressServer): Record<string, string> {
  return {
    LUAT_STUDIO_WORDPRESS_URL: wp.url,
    LUAT_STUDIO_SECRET_WORDPRESS_USER: wp.user,
    LUAT_STUDIO_SECRET_WORDPRESS_APPLICATION_PASSWORD: wp.applicationPassword,
  };
}

/** GET a REST route as the admin; returns the parsed JSON. */
export async function wpGet(wp: WordPressServer, route: string, query: Record<string, string | number> = {}): Promise<any> {
  const params = new URLSearchParams({ rest_route: route, context: 'edit', per_page: '100', ...Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)])) });
  const res = await fetch(`${wp.url}/?${params}`, {
    headers: { authorization: `Basic ${Buffer.from(`${wp.user}:${wp.applicationPassword}`).toString('base64')}` },
  });
  if (!res.ok) throw new Error(`GET ${route}: HTTP ${res.status} ${await res.text()}`);
  return res.json();
}
