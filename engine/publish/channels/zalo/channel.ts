/**
 * The Zalo Official Account channel as publishing, the UI and the report know it.
 * Registered in engine/publish/registry.ts; the adapter loads when first used.
 */
import type { ChannelDescriptor } from '../../channel.js';
import { ZALO_PRESET } from '../presets.js';
import type { ZaloOptions } from './adapter.js';

export const zaloChannel: ChannelDescriptor = {
  id: 'zalo',
  label: { vi: 'Zalo', en: 'Zalo' },
  preset: ZALO_PRESET,
  async create(settings, { packageDir }) {
    const { ZaloAdapter } = await import('./adapter.js');
    // Settings come from the project and the environment (../../registry.ts); the adapter checks the ones it needs.
    return new ZaloAdapter({ packageDir, ...settings } as ZaloOptions);
  },
};
