/**
 * What the booklet, the leaflet and the infographic are, as the UI, publishing
 * and reports name them. Plain data: reading it loads no rendering code.
 * Registered in engine/build/registry.ts.
 */
import type { FormatDescriptor } from '../../build/format.js';
import { PrintSettings } from './settings.js';

export const bookletDescriptor: FormatDescriptor = {
  name: 'booklet',
  label: { vi: 'Sổ tay', en: 'Booklet' },
  variants: [
    { id: 'screen', label: { vi: 'bản đọc trên màn hình', en: 'screen edition' }, role: 'attachment' },
    { id: 'print', label: { vi: 'bản in', en: 'print edition' }, role: 'attachment' },
  ],
  options: PrintSettings,
  preview: 'document',
};

export const leafletDescriptor: FormatDescriptor = {
  name: 'leaflet',
  label: { vi: 'Tờ gấp', en: 'Leaflet' },
  variants: [
    { id: 'screen', label: { vi: 'bản đọc trên màn hình', en: 'screen edition' }, role: 'attachment' },
    { id: 'print', label: { vi: 'bản in', en: 'print edition' }, role: 'attachment' },
  ],
  options: PrintSettings,
  preview: 'document',
};

export const infographicDescriptor: FormatDescriptor = {
  name: 'infographic',
  label: { vi: 'Đồ họa thông tin', en: 'Infographic' },
  variants: [
    { id: 'feed', label: { vi: 'bài đăng 4:5', en: 'feed post 4:5' }, role: 'post-image' },
    { id: 'square', label: { vi: 'khổ vuông', en: 'square' }, role: 'post-image' },
    { id: 'story', label: { vi: 'khổ dọc 9:16', en: 'story 9:16' }, role: 'post-image' },
    // The A3 poster is a PDF to print, offered for download rather than posted.
    { id: 'poster', label: { vi: 'áp phích A3', en: 'A3 poster' }, role: 'attachment' },
  ],
  options: PrintSettings,
  preview: 'document',
};
