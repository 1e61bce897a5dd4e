import { XMLParser } from 'fast-xml-parser';

/** An RSS feed parsed with attributes ("@url"), namespace prefixes kept, lists always arrays. */
export function parseFeed(xml: string): { rss: Record<string, any> } {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['item', 'psc:chapter', 'itunes:category'].includes(name) });
  return parser.parse(xml) as { rss: Record<string, any> };
}
