/**
 * Print and still formats: the e-booklet, the e-leaflet and infographics.
 * Registered in engine/build/registry.ts.
 */
export { bookletFormat, buildBookletEdition, CONTENTS_AFTER_PAGES } from './booklet.js';
export { leafletFormat, buildLeafletEdition } from './leaflet.js';
export { infographicFormat, buildInfographic, INFOGRAPHIC_VARIANTS } from './infographic.js';
export { BrandKit, PrintSettings, StyleChoices, resolvePrintSettings } from './settings.js';
export type { ResolvedPrintSettings } from './settings.js';
export { paddedSequence, saddleStitchSides } from './pdfTools.js';
