/**
 * The provincial portal (WordPress REST API) as publishing, the UI and the
 * report know it. Registered in engine/publish/registry.ts.
 */
import type { ChannelDescriptor } from '../../channel.js';
import { createWordPressAdapter, WORDPRESS_PRESET, type WordPressOptions } from '../../wordpress/adapter.js';

const STATUSES: ReadonlyArray<NonNullable<WordPressOptions['status']>> = ['publish', 'draft', 'pending', 'private'];

export const wordpressChannel: ChannelDescriptor = {
  id: 'wordpress',
  label: { vi: 'Cổng thông tin (WordPress)', en: 'Portal (WordPress)' },
  preset: WORDPRESS_PRESET,
  async create(settings) {
    const status = STATUSES.find((s) => s === settings['status']);
    return createWordPressAdapter(status ? { status } : {});
  },
};
