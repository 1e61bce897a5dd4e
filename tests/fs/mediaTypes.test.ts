/** One media-type table and one output-file policy for every place that names or serves a file. */
import { describe, expect, it } from 'vitest';
import { contentTypeOf, mediaTypeOf, outputContentTypeOf, outputFileCsp } from '../../engine/http/mediaTypes.js';
import { isStrictlyInside } from '../../engine/http/pathInside.js';

describe('media types', () => {
  it('gives each file one type, whatever the case of its extension', () => {
    expect(mediaTypeOf('/out/video/vi/a.MP4')).toBe('video/mp4');
    expect(mediaTypeOf('book.m4b')).toBe('audio/mp4');
    expect(mediaTypeOf('a.srt')).toBe('application/x-subrip');
    expect(mediaTypeOf('a.vtt')).toBe('text/vtt');
    expect(mediaTypeOf('README')).toBe('application/octet-stream');
    expect(contentTypeOf('index.html')).toBe('text/html; charset=utf-8');
  });

  it('serves an output as data: HTML and scripts as text, subtitles readable', () => {
    expect(outputContentTypeOf('page.html')).toBe('text/plain; charset=utf-8');
    expect(outputContentTypeOf('x.js')).toBe('text/plain; charset=utf-8');
    expect(outputContentTypeOf('a.srt')).toBe('text/plain; charset=utf-8');
    expect(outputContentTypeOf('a.vtt')).toBe('text/vtt; charset=utf-8');
    expect(outputContentTypeOf('a.pdf')).toBe('application/pdf');
  });

  it('sandboxes what could run script, never what must play', () => {
    for (const file of ['a.mp4', 'a.webm', 'a.mp3', 'a.m4b', 'a.wav', 'a.png', 'a.pdf']) expect(outputFileCsp(file), file).not.toContain('sandbox');
    for (const file of ['a.svg', 'a.html', 'a.bin', 'a.srt']) expect(outputFileCsp(file), file).toMatch(/^sandbox; /);
    for (const file of ['a.mp4', 'a.svg']) expect(outputFileCsp(file)).toContain("default-src 'none'");
  });

  it('keeps paths strictly inside their folder', () => {
    expect(isStrictlyInside('/lib/p', '/lib/p/render/a.pdf')).toBe(true);
    expect(isStrictlyInside('/lib/p', '/lib/p')).toBe(false);
    expect(isStrictlyInside('/lib/p', '/lib/p2/a.pdf')).toBe(false);
    expect(isStrictlyInside('/lib/p', '/lib/a.pdf')).toBe(false);
  });
});
