import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { renderToStaticMarkup } from 'react-dom/server';
import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { resolvePrintSettings } from '../../engine/formats/print/settings.js';
import { cssFontStacks } from '../../engine/fonts/index.js';
import { BookletDocument } from '../../templates/print/booklet/Booklet.js';
import { labelsFor } from '../../templates/print/labels.js';
import { makeTheme } from '../../templates/print/theme.js';
import { sampleMaterial } from './helpers.js';

describe('print settings', () => {
  it('defaults to the classic style in deep red and gold', async () => {
    const s = await resolvePrintSettings({}, null);
    expect(s.styles).toEqual({ booklet: 'classic', leaflet: 'classic', infographic: 'classic' });
    expect(s.brand).toMatchObject({ name: null, logoSrc: null, primaryColor: '#8E1B1B', accentColor: '#C99A2E' });
    expect(s.editionDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('reads the brand kit, the logo (relative to the project) and the style choice', async () => {
    const projectDir = mkdtempSync(path.join(os.tmpdir(), 'luat-brand-'));
    writeFileSync(path.join(projectDir, 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="5"/></svg>');
    const s = await resolvePrintSettings(
      { brand: { issuerName: 'UBND TỈNH SƠN LA', logoPath: 'logo.svg', primaryColor: '#1F3A5F', accentColor: '#2A9D8F' }, styles: { booklet: 'modern' } },
      projectDir,
    );
    expect(s.brand.name).toBe('UBND TỈNH SƠN LA');
    expect(s.brand.logoSrc).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(s.styles.booklet).toBe('modern');
    expect(s.styles.leaflet).toBe('classic');

    const m = await sampleMaterial();
    const html = renderToStaticMarkup(
      createElement(BookletDocument, {
        materials: [m], languages: ['vi'], style: s.styles.booklet, labels: labelsFor('vi'), editionDate: '2025-11-20', toc: null,
        theme: makeTheme({ ...s.brand, fonts: cssFontStacks(['vi']) }),
        brand: { name: s.brand.name, logoSrc: s.brand.logoSrc },
      }),
    );
    expect(html).toContain(`src="${s.brand.logoSrc}"`);
    expect(html).toContain('#1F3A5F');
    expect(html).toContain('class="booklet style-modern"');
  });

  it('rejects a bad colour, an unknown style and an unreadable logo with clear errors', async () => {
    await expect(resolvePrintSettings({ brand: { primaryColor: 'red' } }, null)).rejects.toMatchObject({ code: 'print.badSettings', params: { key: 'brand.primaryColor' } });
    await expect(resolvePrintSettings({ styles: { leaflet: 'baroque' } }, null)).rejects.toMatchObject({ code: 'print.badSettings', params: { key: 'styles.leaflet' } });
    await expect(resolvePrintSettings({ brand: { logoPath: '/nowhere/logo.png' } }, null)).rejects.toMatchObject({ code: 'print.logoUnreadable' });
    await expect(resolvePrintSettings({ brand: { logoPath: '/nowhere/logo.gif' } }, null)).rejects.toMatchObject({ code: 'print.logoType' });
  });
});
