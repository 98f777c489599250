import { describe, expect, it } from 'vitest';
import {
  decodeBytes,
  decodeWindows1252,
  detectFormat,
  htmlToText,
  parseArticle,
  parseJsonArticle,
  stripInvalidChars,
  stripSiteSuffix,
} from '../../functions/core/article.js';
import { RejectedInputError } from '../../functions/core/errors.js';

const enc = (s: string) => new TextEncoder().encode(s);

function rejection(fn: () => unknown): RejectedInputError {
  try {
    fn();
  } catch (error) {
    if (error instanceof RejectedInputError) return error;
    throw error;
  }
  throw new Error('expected a RejectedInputError');
}

describe('decodeBytes', () => {
  it('decodes UTF-8 and drops a byte-order mark', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...enc('Lavrov’s visit')]);
    expect(decodeBytes(bytes)).toEqual({ text: 'Lavrov’s visit', encoding: 'utf-8' });
  });
  it('decodes UTF-16 little- and big-endian with a BOM', () => {
    const le = new Uint8Array([0xff, 0xfe, 0x4b, 0x00, 0x65, 0x00, 0x72, 0x00, 0x72, 0x00, 0x79, 0x00]);
    const be = new Uint8Array([0xfe, 0xff, 0x00, 0x4b, 0x00, 0x65, 0x00, 0x72, 0x00, 0x72, 0x00, 0x79]);
    expect(decodeBytes(le)).toEqual({ text: 'Kerry', encoding: 'utf-16le' });
    expect(decodeBytes(be)).toEqual({ text: 'Kerry', encoding: 'utf-16be' });
  });
  it('falls back to Windows-1252 for bytes that are not UTF-8, with its curly quotes', () => {
    const bytes = new Uint8Array([0x93, ...enc('Caf'), 0xe9, 0x94]);
    expect(decodeBytes(bytes)).toEqual({ text: '“Café”', encoding: 'windows-1252' });
    expect(decodeWindows1252(new Uint8Array([0x80, 0x97]))).toBe('€—');
  });
  it.each([
    ['PDF', [0x25, 0x50, 0x44, 0x46, 0x2d, 0x31]],
    ['PNG', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]],
    ['JPEG', [0xff, 0xd8, 0xff, 0xe0]],
    ['gzip', [0x1f, 0x8b, 0x08, 0x00]],
    ['zip', [0x50, 0x4b, 0x03, 0x04, 0x14]],
  ])('rejects %s by its magic bytes', (_name, bytes) => {
    expect(rejection(() => decodeBytes(new Uint8Array(bytes))).code).toBe('BINARY_INPUT');
  });
  it('rejects NUL bytes and empty input', () => {
    expect(rejection(() => decodeBytes(new Uint8Array([0x41, 0x00, 0x42]))).code).toBe('BINARY_INPUT');
    expect(rejection(() => decodeBytes(new Uint8Array())).code).toBe('EMPTY_INPUT');
  });
});

describe('stripInvalidChars', () => {
  it('removes characters that are invalid in XML 1.0 and unifies line breaks', () => {
    expect(stripInvalidChars('a\u0001b\u000bc\r\nd\uffffe\ud800f')).toBe('abc\ndef');
  });
  it('keeps tabs, newlines and astral characters', () => {
    expect(stripInvalidChars('a\tb\n😀')).toBe('a\tb\n😀');
  });
});

describe('detectFormat', () => {
  it('uses the extension, the content type, then the text', () => {
    expect(detectFormat('a.json', null, 'x')).toBe('json');
    expect(detectFormat('a', 'text/html; charset=utf-8', 'x')).toBe('html');
    expect(detectFormat('a.txt', null, '<!DOCTYPE html><html>')).toBe('html');
    expect(detectFormat('a', null, '{"body":"x"}')).toBe('json');
    expect(detectFormat('a', null, '{not json} Kerry met Lavrov')).toBe('text');
  });
});

describe('parseJsonArticle', () => {
  it('reads {title, body, url, published, publisher}', () => {
    const a = parseJsonArticle(
      JSON.stringify({
        title: 'T',
        body: 'B text',
        url: 'https://x.test/a',
        published: '2016-01-02',
        publisher: 'P',
      }),
    );
    expect(a).toMatchObject({
      format: 'json',
      title: 'T',
      text: 'B text',
      url: 'https://x.test/a',
      published: '2016-01-02',
      publisher: 'P',
    });
  });
  it.each([
    ['an array', '[1,2]'],
    ['a string', '"text"'],
    ['an object without body', '{"title":"x"}'],
    ['a body that is not a string', '{"body": 5}'],
  ])('rejects %s with BAD_JSON_SHAPE', (_name, json) => {
    expect(rejection(() => parseJsonArticle(json)).code).toBe('BAD_JSON_SHAPE');
  });
  it('rejects JSON that does not parse', () => {
    expect(rejection(() => parseJsonArticle('{"body": ')).code).toBe('BAD_JSON');
  });
});

describe('HTML', () => {
  const page = `<!doctype html><html><head><title>Kerry and Lavrov meet - Example News</title>
    <meta property="og:title" content="Kerry and Lavrov meet in Geneva">
    <meta property="og:site_name" content="Example News">
    <meta property="article:published_time" content="2016-09-09T18:00:00Z">
    <meta name="author" content="Jane Roe">
    <link rel="canonical" href="https://news.example.com/2016/09/09/kerry-lavrov">
    <style>body { color: red }</style><script>alert('x')</script></head>
    <body onload="steal()"><nav>Home | World | Sport</nav><article><h1>Kerry and Lavrov meet in Geneva</h1>
    <p>US Secretary of State John Kerry and Russian Foreign Minister Sergey Lavrov met in Geneva on Friday to agree a ceasefire in Syria, officials said.</p>
    <p onclick="evil()">The two men talked for more than twelve hours &amp; emerged with a plan. <img src=x onerror="alert(1)">The deal is to take effect on Monday.</p>
    <script>document.write('injected')</script><p>Mr Lavrov said the agreement would allow joint strikes against Jabhat al-Nusra.</p></article></body></html>`;

  it('reads metadata and text, carrying no script, style or handler into the text', () => {
    const a = parseArticle(enc(page), 'page.html');
    expect(a).toMatchObject({
      format: 'html',
      title: 'Kerry and Lavrov meet in Geneva',
      publisher: 'Example News',
      author: 'Jane Roe',
      published: '2016-09-09T18:00:00Z',
      url: 'https://news.example.com/2016/09/09/kerry-lavrov',
    });
    expect(a.text).toContain('met in Geneva on Friday');
    expect(a.text).toContain('twelve hours & emerged');
    expect(a.text).not.toMatch(/alert|evil|steal|injected|color: red|onerror|<script/);
  });
  it('htmlToText keeps one line per block and decodes entities', () => {
    expect(htmlToText('<p>a &lt;b&gt; &#8220;c&#x201d;</p><div>d<br>e</div><script>x()</script>')).toBe(
      'a <b> “c”\nd\ne',
    );
  });
});

describe('parseArticle', () => {
  it('rejects XML and RSS documents', () => {
    expect(rejection(() => parseArticle(enc('<?xml version="1.0"?><rss></rss>'), 'feed.xml')).code).toBe(
      'UNSUPPORTED_FORMAT',
    );
  });
  it('rejects whitespace only', () => {
    expect(rejection(() => parseArticle(enc(' \n\t \r\n'), 'a.txt')).code).toBe('EMPTY_INPUT');
  });
});

describe('stripSiteSuffix', () => {
  it('drops the site name and section crumbs from a page title', () => {
    expect(stripSiteSuffix('Kerry meets Lavrov in Geneva | World news | The Guardian', 'The Guardian')).toBe(
      'Kerry meets Lavrov in Geneva',
    );
    expect(stripSiteSuffix('Kerry meets Lavrov in Geneva - Example News', 'Example News')).toBe(
      'Kerry meets Lavrov in Geneva',
    );
    expect(stripSiteSuffix('Kerry meets Lavrov', null)).toBe('Kerry meets Lavrov');
  });
});
