import { infographicFormat } from '../engine/formats/print/index.js';
import { launchBrowser } from '../engine/render/browser.js';
import { makeContext, sampleMaterial } from '../tests/print/helpers.js';
const browser = await launchBrowser();
const vi = await sampleMaterial();
try { await infographicFormat.build(makeContext({ browser, materials: { vi }, languages: ['vi'], settings: { styles: { infographic: 'modern' } } })); console.log('modern ok'); } catch (e: any) { console.log('modern', e.code, JSON.stringify(e.params)); }
const long = structuredClone(vi);
const s = long.sections.find((x) => x.kind === 'keyMessages') as any;
s.messages[1].text = Array(12).fill('Tảo hôn là vi phạm pháp luật và gây hại cho sức khỏe, học tập của trẻ em.').join(' ');
try { await infographicFormat.build(makeContext({ browser, materials: { vi: long }, languages: ['vi'] })); } catch (e: any) { console.log('long', e.code, JSON.stringify(e.params), s.messages[1].id); }
await browser.close();
