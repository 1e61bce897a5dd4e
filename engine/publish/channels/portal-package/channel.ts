/**
 * The portal package (a ZIP with manifest.json, for portals and the national
 * store that have no API) as publishing, the UI and the report know it.
 * Registered in engine/publish/registry.ts.
 */
import type { ChannelDescriptor } from '../../channel.js';
import { createPortalPackageAdapter, PORTAL_PACKAGE_PRESET } from '../../portalPackage.js';

export const portalPackageChannel: ChannelDescriptor = {
  id: 'portal-package',
  label: { vi: 'Gói tài liệu (ZIP)', en: 'Package (ZIP)' },
  preset: PORTAL_PACKAGE_PRESET,
  create: async () => createPortalPackageAdapter(),
};
