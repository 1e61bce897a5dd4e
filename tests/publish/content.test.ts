import { describe, expect, it } from 'vitest';
import { postHtml } from '../../engine/publish/wordpress/content.js';
import { sampleMaterial } from './fixtures.js';

describe('the portal post', () => {
  it('escapes everything from the brief', async () => {
    // The importer drops inline HTML, but a translation or a hand-made Material could carry anything.
    const { material } = await sampleMaterial();
    const hostile = 'Tảo hôn <script>alert("x")</script> & <img src=x onerror=alert(1)>';
    material.title.text = hostile;
    const content = material.sections.find((s) => s.kind === 'content');
    if (content?.kind !== 'content' || content.blocks[0]?.type !== 'paragraph') throw new Error('sample changed');
    content.blocks[0].unit.text = hostile;
    const html = postHtml(material, 'vi', [{
      output: { format: 'infographic', language: 'vi', variant: 'feed', path: 'i.png', bytes: 1, sha256: '0'.repeat(64), width: 1, height: 1 },
      url: 'https://portal.example/a.png?x="><script>',
    }]);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('<p>Tảo hôn &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt;</p>');
    expect(html).toContain('src="https://portal.example/a.png?x=&quot;&gt;&lt;script&gt;" alt="Tảo hôn &lt;script&gt;');
  });

  it('keeps the brief’s order, nesting of lists, Q&A and situations as a transcript', async () => {
    const { material } = await sampleMaterial();
    const html = postHtml(material, 'vi', []);
    const headings = [...html.matchAll(/<h2>([^<]+)<\/h2>/g)].map((m) => m[1]);
    const sections = material.sections.map((s) => (s.kind === 'situation' ? `Tình huống: ${s.title.text}` : s.heading.text));
    expect(headings.slice(0, sections.length)).toEqual(sections);
    expect(headings.at(-1)).toBe('Căn cứ pháp lý');
    const qa = material.sections.find((s) => s.kind === 'qa');
    if (qa?.kind === 'qa') expect(html).toContain(`<summary>Hỏi: ${qa.pairs[0]!.question.text}</summary>`);
    const situation = material.sections.find((s) => s.kind === 'situation');
    if (situation?.kind === 'situation') {
      const line = situation.scenes[0]!.lines[0]!;
      expect(html).toContain('<details class="luat-transcript"><summary>Lời thoại</summary>');
      expect(html).toContain(line.unit.text.replace(/"/g, '&quot;').replace(/'/g, '&#39;'));
    }
    // Every <ul>/<ol>/<li> opened is closed, in order.
    const stack: string[] = [];
    for (const [, close, tag] of html.matchAll(/<(\/?)(ul|ol|li)\b[^>]*>/g)) {
      if (close) expect(stack.pop()).toBe(tag);
      else stack.push(tag!);
    }
    expect(stack).toEqual([]);
  });
});
