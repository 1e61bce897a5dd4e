/**
 * The YouTube channel as publishing, the UI and the report know it.
 * Registered in engine/publish/registry.ts; the adapter loads when first used.
 */
import type { ChannelDescriptor } from '../../channel.js';
import { YOUTUBE_PRESET } from '../presets.js';
import type { YouTubeOptions } from './adapter.js';

export const youtubeChannel: ChannelDescriptor = {
  id: 'youtube',
  label: { vi: 'YouTube', en: 'YouTube' },
  preset: YOUTUBE_PRESET,
  async create(settings, { packageDir }) {
    const { YouTubeAdapter } = await import('./adapter.js');
    // Settings come from the project and the environment (../../registry.ts); the adapter checks the ones it needs.
    return new YouTubeAdapter({ packageDir, ...settings } as YouTubeOptions);
  },
};
