/**
 * The Facebook Page channel as publishing, the UI and the report know it.
 * Registered in engine/publish/registry.ts; the adapter loads when first used.
 */
import type { ChannelDescriptor } from '../../channel.js';
import { FACEBOOK_PRESET } from '../presets.js';
import type { FacebookOptions } from './adapter.js';

export const facebookChannel: ChannelDescriptor = {
  id: 'facebook',
  label: { vi: 'Facebook', en: 'Facebook' },
  preset: FACEBOOK_PRESET,
  async create(settings, { packageDir }) {
    const { FacebookAdapter } = await import('./adapter.js');
    // Settings come from the project and the environment (../../registry.ts); the adapter checks the ones it needs.
    return new FacebookAdapter({ packageDir, ...settings } as FacebookOptions);
  },
};
