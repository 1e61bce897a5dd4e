/**
 * The TikTok channel as publishing, the UI and the report know it.
 * Registered in engine/publish/registry.ts; the adapter loads when first used.
 */
import type { ChannelDescriptor } from '../../channel.js';
import { TIKTOK_PRESET } from '../presets.js';
import type { TikTokOptions } from './adapter.js';

export const tiktokChannel: ChannelDescriptor = {
  id: 'tiktok',
  label: { vi: 'TikTok', en: 'TikTok' },
  preset: TIKTOK_PRESET,
  async create(settings, { packageDir }) {
    const { TikTokAdapter } = await import('./adapter.js');
    // Settings come from the project and the environment (../../registry.ts); the adapter checks the ones it needs.
    return new TikTokAdapter({ packageDir, ...settings } as TikTokOptions);
  },
};
