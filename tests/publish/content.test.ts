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
    // The sample's nested list is a <ul> inside its item; its table a real table with a header row.
    expect(html).toContain('<li>Việc kết hôn không thuộc các trường hợp bị cấm:<ul><li>kết hôn giả tạo;</li>');
    expect(html).toContain('<thead><tr><th scope="col">Trường hợp</th><th scope="col">Việc phải làm</th><th scope="col">Căn cứ</th></tr></thead>');
    expect(html).toContain('<tr><td>Đã làm lễ cưới theo phong tục</td><td>Vẫn phải đăng ký kết hôn thì mới được pháp luật công nhận</td><td>Điều 9 Luật Hôn nhân và gia đình</td></tr>');
  });

  it('gives each level of a nested list its own tag and numbers, and escapes table cells', async () => {
    const { text } = await sampleMaterial();
    const brief = text
      .replace('3. Cả hai người cùng có mặt khi đăng ký.', '3. Cả hai người cùng có mặt khi đăng ký.\n   - mang theo giấy tờ\n   - ký tên')
      .replace('| Đã làm lễ cưới theo phong tục |', '| Đã làm lễ cưới <b>theo</b> "phong tục" |');
    const { material } = await sampleMaterial(brief);
    const html = postHtml(material, 'vi', []);
    expect(html).toContain('<li>Cả hai người cùng có mặt khi đăng ký.<ul><li>mang theo giấy tờ</li><li>ký tên</li></ul></li><li>Nếu đủ điều kiện');
    expect(html).toContain('<td>Đã làm lễ cưới theo &quot;phong tục&quot;</td>');
  });
});
