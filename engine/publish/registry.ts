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
 * The channels: one registerChannel line each, at the end of this file. A
 * channel's descriptor (./channel.ts) gives its words, preset and caption
 * rules; its adapter is loaded only when the channel is used.
 */
import type { Localized } from '../build/format.js';
import { StudioError } from '../errors.js';
import type { ChannelAdapter, ChannelDescriptor, ChannelId, ChannelSettings } from './channel.js';
import { facebookChannel } from './channels/facebook/channel.js';
import { portalPackageChannel } from './channels/portal-package/channel.js';
import { tiktokChannel } from './channels/tiktok/channel.js';
import { wordpressChannel } from './channels/wordpress/channel.js';
import { youtubeChannel } from './channels/youtube/channel.js';
import { zaloChannel } from './channels/zalo/channel.js';

export type { ChannelSettings };

const registered = new Map<ChannelId, ChannelDescriptor>();

/** Every registered channel's id, in registration order (kept current by registerChannel). */
export const CHANNEL_IDS: ChannelId[] = [];

/** Makes a channel known to publishing, the UI and the report. */
export function registerChannel(descriptor: ChannelDescriptor): void {
  if (registered.has(descriptor.id)) throw new Error(`channel ${descriptor.id} is registered twice`);
  registered.set(descriptor.id, descriptor);
  CHANNEL_IDS.push(descriptor.id);
}

export function channelDescriptors(): ChannelDescriptor[] {
  return [...registered.values()];
}

export function findChannel(id: string): ChannelDescriptor | undefined {
  return registered.get(id);
}

/** The channel's name for people; the bare id for one no longer registered (old records). */
export function channelLabel(id: string, locale: keyof Localized): string {
  return registered.get(id)?.label[locale] ?? id;
}

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
  const descriptor = registered.get(channel);
  if (!descriptor) throw new StudioError('publish.unknownChannel', { channel, known: CHANNEL_IDS.join(', ') });
  return descriptor.create(settings, { packageDir });
}

registerChannel(wordpressChannel);
registerChannel(facebookChannel);
registerChannel(youtubeChannel);
registerChannel(zaloChannel);
registerChannel(tiktokChannel);
registerChannel(portalPackageChannel);
