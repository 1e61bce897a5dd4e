/**
 * Which adapter serves which channel, and where each channel's settings
 * come from.
 *
 * Settings of a channel (a Facebook page id, WordPress post status …):
 * the project's settings under `publish.<channel>`, overlaid by environment
 * variables LUAT_STUDIO_<CHANNEL>_<OPTION> (LUAT_STUDIO_FACEBOOK_PAGE_ID,
 * LUAT_STUDIO_TIKTOK_APP_APPROVED=false …; JSON values are parsed). The API
 * base URL: LUAT_STUDIO_<CHANNEL>_URL, else `publish.<channel>.endpoint`,
 * else the adapter's own default. Secrets never come from here: see
 * ./secrets.ts.
 *
 * The social adapters are loaded only when one of them is asked for.
 */
import { StudioError } from '../errors.js';
import type { ChannelAdapter, ChannelId } from './channel.js';
import { createPortalPackageAdapter } from './portalPackage.js';
import { createWordPressAdapter, type WordPressOptions } from './wordpress/adapter.js';

export const CHANNEL_IDS: readonly ChannelId[] = ['wordpress', 'facebook', 'youtube', 'zalo', 'tiktok', 'portal-package'];

export type ChannelSettings = Record<string, unknown>;

function envKey(channel: string): string {
  return channel.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
}

function camel(snake: string): string {
  return snake.toLowerCase().replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

function parseValue(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** A channel's settings: the project's, overlaid by the environment's. */
export function channelSettings(channel: string, projectSettings: Record<string, unknown>, env: NodeJS.ProcessEnv = process.env): ChannelSettings {
  const publish = (projectSettings['publish'] ?? {}) as Record<string, unknown>;
  const fromProject = (publish[channel] ?? {}) as Record<string, unknown>;
  const out: ChannelSettings = { ...fromProject };
  const prefix = `LUAT_STUDIO_${envKey(channel)}_`;
  for (const [key, value] of Object.entries(env)) {
    if (!key.startsWith(prefix) || value === undefined || key === `${prefix}URL`) continue;
    out[camel(key.slice(prefix.length))] = parseValue(value);
  }
  return out;
}

export function channelEndpoint(channel: string, adapter: ChannelAdapter, settings: ChannelSettings, env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env[`LUAT_STUDIO_${envKey(channel)}_URL`];
  if (fromEnv) return fromEnv;
  if (typeof settings['endpoint'] === 'string' && settings['endpoint']) return settings['endpoint'];
  return adapter.defaultEndpoint ?? '';
}

export function parseChannels(list: readonly string[]): ChannelId[] {
  const out: ChannelId[] = [];
  for (const name of list) {
    if (!(CHANNEL_IDS as readonly string[]).includes(name)) throw new StudioError('publish.unknownChannel', { channel: name, known: CHANNEL_IDS.join(', ') });
    if (!out.includes(name as ChannelId)) out.push(name as ChannelId);
  }
  return out;
}

/** The adapter for a channel, built from its settings (and the folder for packages). */
export async function createAdapter(channel: ChannelId, settings: ChannelSettings, packageDir: string): Promise<ChannelAdapter> {
  switch (channel) {
    case 'wordpress': {
      const status = settings['status'];
      return createWordPressAdapter(typeof status === 'string' ? { status: status as NonNullable<WordPressOptions['status']> } : {});
    }
    case 'portal-package':
      return createPortalPackageAdapter();
    default: {
      const social = await import('./channels/index.js');
      const options = { packageDir, ...settings } as Record<string, unknown>;
      if (channel === 'facebook') return new social.FacebookAdapter(options as unknown as ConstructorParameters<typeof social.FacebookAdapter>[0]);
      if (channel === 'youtube') return new social.YouTubeAdapter(options as ConstructorParameters<typeof social.YouTubeAdapter>[0]);
      if (channel === 'tiktok') return new social.TikTokAdapter(options as ConstructorParameters<typeof social.TikTokAdapter>[0]);
      return new social.ZaloAdapter(options as unknown as ConstructorParameters<typeof social.ZaloAdapter>[0]);
    }
  }
}
