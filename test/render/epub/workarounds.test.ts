/**
 * epub-gen-memory's known defects, one by one: first that the library really has it (so the
 * workaround is still needed), then that our output does not.
 */
import { EPub, type Chapter, type Options } from 'epub-gen-memory';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  checkPackageDocument, chapterFor, requireDescription, runEpubGen, type EpubGenInput,
} from '../src/render/epub/epub-gen-workarounds.js';
import { buildNavigation } from '../src/render/epub/navigation.js';
import { CONFORMS_TO, epubSettings, packageMetadata } from '../src/render/epub/package-metadata.js';
import { expandSelfClosing } from '../src/render/epub/xhtml.js';
import { zipEpub } from '../src/render/epub/zip.js';
import { loadTheme } from '../src/render/theme.js';
import { parseLetterText } from '../src/parse/parse-letter.js';
import { letterMetadata } from '../src/model/metadata.js';
import { textOf, unzipEpub, zipEntryOrder } from './fixtures/epub/helpers.js';
import { readFileSync } from 'node:fs';

const theme = loadTheme();
const settings = epubSettings(theme);

/** What the library's sanitizer makes of some markup (it runs in the constructor). */
class SanitizerProbe extends EPub {
  sanitized(): string {
    return this.content[0]?.content ?? '';
  }
}
function librarySanitize(html: string): string {
  return new SanitizerProbe({ title: 't', verbose: false }, [{ title: 'c', content: html }]).sanitized();
}

const LETTER = [
  'Aan de Voorzitter van de',
  'Tweede Kamer der Staten-Generaal',
  'Datum',
  '12 februari 2026',
  'Betreft',
  'Een proefbrief',
  '',
  'Ministerie van Proefzaken',
  '',
  'Onze referentie',
  'PZ-2026/1',
  '',
  'Geachte voorzitter,',
  '',
  'Dit is de tekst.',
  '',
  'Hoogachtend,',
  '',
  'De minister van Proefzaken,',
  '',
  '',
  'A. Proef',
].join('\n');

/** A complete input for `runEpubGen` with the theme's real templates and one chapter. */
async function input(body: string, extra: Partial<EpubGenInput> = {}): Promise<EpubGenInput> {
  const { letter } = parseLetterText('proef.txt', Buffer.from(LETTER));
  const meta = letterMetadata(letter, loadTheme().t);
  const chapter = { id: 'letter' as const, filename: 'brief.xhtml', title: 'Proef', body, bodyClass: 'letter-document' };
  const { nav, ncx } = buildNavigation([chapter], [], new Map(), 'toc.xhtml', {
    tocTitle: 'Inhoud', landmarksTitle: 'Oriëntatiepunten', pageListTitle: 'Paginalijst',
    letterLandmark: 'Brief', annexLandmark: 'Bijlage', notesLandmark: 'Noten', pageLabel: String,
  });
  const pkg = packageMetadata(letter, meta, settings, { pages: 0, pdfFileName: 'proef.pdf' });
  const read = (f: string): string => readFileSync(theme.file(`epub/${f}`), 'utf8');
  return {
    identifier: pkg.identifier, title: pkg.title, author: pkg.creator, publisher: pkg.publisher,
    description: pkg.description, lang: pkg.lang, isoDate: meta.isoDate, tocTitle: 'Inhoud', css: 'body { margin: 0; }',
    templates: { contentOPF: read('content.opf.ejs'), tocXHTML: read('toc.xhtml.ejs'), tocNCX: read('toc.ncx.ejs'), chapterXHTML: read('chapter.xhtml.ejs') },
    chapters: [chapter], resources: [], templateData: { meta: pkg, nav, ncx },
    ...extra,
  };
}

async function build(body: string, extra: Partial<EpubGenInput> = {}): Promise<Map<string, Uint8Array>> {
  const i = await input(body, extra);
  return unzipEpub(zipEpub(await runEpubGen(i), i.isoDate));
}

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('1. hard-coded xml:lang="en" in the package document', () => {
  it('the library default writes xml:lang="en" even for a Dutch book', async () => {
    const epub = new (class extends EPub { async opf(): Promise<string> { await this.render(); return (await this.zip.file('OEBPS/content.opf')?.async('string')) ?? ''; } })(
      { title: 't', lang: 'nl', description: 'd', verbose: false }, [{ title: 'c', content: '<p>x</p>' }]);
    expect(await epub.opf()).toMatch(/xml:lang="en"/u);
  });

  it('ours declares nl on the package, in dc:language and on every document', async () => {
    const files = await build('<p>Tekst.</p>');
    const opf = textOf(files, 'OEBPS/content.opf');
    expect(opf).toMatch(/<package [^>]*xml:lang="nl"/u);
    expect(opf).toContain('<dc:language>nl</dc:language>');
    for (const [path] of files) {
      if (!/\.(opf|xhtml|ncx)$/u.test(path)) continue;
      expect(textOf(files, path), path).not.toMatch(/xml:lang="en"/u);
    }
    expect(textOf(files, 'OEBPS/brief.xhtml')).toMatch(/<html [^>]*xml:lang="nl" lang="nl"/u);
    expect(textOf(files, 'OEBPS/toc.xhtml')).toMatch(/<html [^>]*xml:lang="nl" lang="nl"/u);
  });

  it('a template that falls back to English is caught at build time', () => {
    const opf = '<package xml:lang="en"><dc:language>en</dc:language><dc:identifier>urn:x</dc:identifier><dc:description>d</dc:description><meta property="dcterms:modified">2026-02-12T00:00:00Z</meta></package>';
    expect(() => checkPackageDocument(opf, { lang: 'nl', identifier: 'urn:x', description: 'd', isoDate: '2026-02-12' }))
      .toThrow(/xml:lang is not "nl".*dc:language is not "nl"/u);
  });
});

describe('2. empty dc:description', () => {
  it('the library default writes an empty one when none is given', async () => {
    const epub = new (class extends EPub { async opf(): Promise<string> { await this.render(); return (await this.zip.file('OEBPS/content.opf')?.async('string')) ?? ''; } })(
      { title: 't', verbose: false }, [{ title: 'c', content: '<p>x</p>' }]);
    expect(await epub.opf()).toContain('<dc:description></dc:description>');
  });

  it('ours refuses a blank description and writes the letter description', async () => {
    expect(() => requireDescription(' \n ')).toThrow(/must not be empty/u);
    await expect(runEpubGen(await input('<p>x</p>', { description: '   ' }))).rejects.toThrow(/must not be empty/u);
    const opf = textOf(await build('<p>x</p>'), 'OEBPS/content.opf');
    expect(opf).toMatch(/<dc:description>Brief van Ministerie van Proefzaken aan de Voorzitter van de Tweede Kamer der Staten-Generaal, 12 februari 2026\. Betreft: Een proefbrief\.<\/dc:description>/u);
  });
});

describe('3. no accessibility metadata, landmarks or page-list', () => {
  it('the library default has none of them', async () => {
    const epub = new (class extends EPub { async files(): Promise<string> { await this.render(); return `${await this.zip.file('OEBPS/content.opf')?.async('string')}${await this.zip.file('OEBPS/toc.xhtml')?.async('string')}`; } })(
      { title: 't', verbose: false }, [{ title: 'c', content: '<p>x</p>' }]);
    const text = await epub.files();
    expect(text).not.toMatch(/schema:access|landmarks|page-list|conformsTo/u);
  });

  it('ours has every property the accessibility reference asks for, and a landmarks nav', async () => {
    const files = await build('<h1 id="t">Titel</h1><p>x</p>');
    const opf = textOf(files, 'OEBPS/content.opf');
    const values = (property: string): string[] => [...opf.matchAll(new RegExp(`<meta property="${property}">([^<]*)</meta>`, 'gu'))].map((m) => m[1] ?? '');
    expect(values('schema:accessMode')).toEqual(['textual']);
    expect(values('schema:accessModeSufficient')).toEqual(['textual']);
    expect(values('schema:accessibilityFeature')).toEqual(['structuralNavigation', 'tableOfContents', 'readingOrder']);
    expect(values('schema:accessibilityHazard')).toEqual(['none']);
    expect(values('schema:accessibilitySummary')[0]).toMatch(/^Deze publicatie is een Kamerbrief/u);
    expect(values('dcterms:conformsTo')).toEqual([CONFORMS_TO]);
    expect(values('a11y:certifiedBy')[0]).toContain('EPUBCheck');
    const nav = textOf(files, 'OEBPS/toc.xhtml');
    expect(nav).toMatch(/<nav epub:type="toc" role="doc-toc"/u);
    expect(nav).toMatch(/<nav epub:type="landmarks"[^>]*>[\s\S]*epub:type="bodymatter" href="brief.xhtml"/u);
    // Without page numbers there is no page list and no claim of one.
    expect(nav).not.toContain('page-list');
    expect(opf).not.toContain('printPageNumbers');
    expect(opf).not.toContain('source-of');
  });
});

describe('4–6. the HTML sanitizer', () => {
  const markup = [
    '<ol start="3"><li value="7">zeven</li></ol>',
    '<p><time datetime="2026-02-12">12 februari 2026</time></p>',
    '<table><tr><th scope="col" id="h1">Kop</th></tr><tr><td headers="h1" data-bron="x">Cel</td></tr></table>',
  ].join('');

  it('the library drops scope, headers, start, value, datetime and data-*', () => {
    const out = librarySanitize(markup);
    for (const attr of ['start=', 'value=', 'datetime=', 'scope=', 'headers=', 'data-bron=']) expect(out).not.toContain(attr);
  });

  it('ours keeps them', async () => {
    const doc = textOf(await build(markup), 'OEBPS/brief.xhtml');
    for (const attr of ['start="3"', 'value="7"', 'datetime="2026-02-12"', 'scope="col"', 'headers="h1"', 'data-bron="x"']) expect(doc).toContain(attr);
  });

  it('the library turns alt="" into alt="image-placeholder"; ours keeps alt=""', async () => {
    expect(librarySanitize('<p><img src="https://example.invalid/x.png" alt=""/></p>')).toContain('alt="image-placeholder"');
    const files = await build('<p><img src="images/band.png" alt=""/></p>', {
      resources: [{ id: 'band', href: 'images/band.png', mediaType: 'image/png', data: PNG }],
    });
    const doc = textOf(files, 'OEBPS/brief.xhtml');
    expect(doc).toContain('<img src="images/band.png" alt=""/>');
    expect(doc).not.toContain('image-placeholder');
  });

  it('the library reads <span/> as an open tag that swallows the text after it; ours writes a pair', async () => {
    const marker = '<p>voor<span epub:type="pagebreak" role="doc-pagebreak" id="page-2" aria-label="2"/>na</p>';
    expect(librarySanitize(marker)).toMatch(/aria-label="2">na<\/span>/u);
    expect(expandSelfClosing(marker)).toBe('<p>voor<span epub:type="pagebreak" role="doc-pagebreak" id="page-2" aria-label="2"></span>na</p>');
    expect(expandSelfClosing('<p>a<br/>b<img src="x" alt=""/></p>')).toBe('<p>a<br/>b<img src="x" alt=""/></p>');
    const doc = textOf(await build(marker), 'OEBPS/brief.xhtml');
    expect(doc).toContain('voor<span epub:type="pagebreak" role="doc-pagebreak" id="page-2" aria-label="2"></span>na');
    expect(chapterFor({ filename: 'brief.xhtml', title: 't', body: marker }).content).toBe('');
  });
});

/** A 1×1 PNG. */
const PNG = Uint8Array.from(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64'));

describe('7. images only from file:// or http(s)', () => {
  it('the library cannot take an image from memory', async () => {
    const html = '<p><img src="data:image/png;base64,AAAA" alt="x"/></p>';
    // It renames the file to a random uuid without extension (the type comes from the URL) …
    expect(librarySanitize(html)).toMatch(/src="images\/[0-9a-f-]{36}\."/u);
    // … and its downloader only knows file:// and http(s).
    await expect(new EPub({ title: 't', verbose: false, retryTimes: 1 }, [{ title: 'c', content: html }]).render()).rejects.toThrow();
  });

  it('ours takes files from memory, into the container and the manifest, src untouched', async () => {
    const files = await build('<p><img src="images/band.png" alt="Band"/></p>', {
      resources: [{ id: 'band', href: 'images/band.png', mediaType: 'image/png', data: PNG }],
    });
    expect(files.get('OEBPS/images/band.png')).toEqual(PNG);
    expect(textOf(files, 'OEBPS/content.opf')).toContain('<item id="band" href="images/band.png" media-type="image/png"/>');
    expect(textOf(files, 'OEBPS/brief.xhtml')).toContain('src="images/band.png"');
  });

  it('a resource may not overwrite a file of the library', async () => {
    await expect(runEpubGen(await input('<p>x</p>', { resources: [{ id: 'x', href: 'style.css', mediaType: 'text/css', data: PNG }] })))
      .rejects.toThrow(/clashes/u);
  });
});

describe('8. random uuid and now-timestamps', () => {
  it('the library uses a random uuid and the clock', async () => {
    const opf = async (): Promise<string> => {
      const e = new (class extends EPub { async opf(): Promise<string> { await this.render(); return (await this.zip.file('OEBPS/content.opf')?.async('string')) ?? ''; } })(
        { title: 't', description: 'd', verbose: false }, [{ title: 'c', content: '<p>x</p>' }] as Chapter[]);
      return e.opf();
    };
    const [a, b] = [await opf(), await opf()];
    const id = (s: string): string | undefined => /<dc:identifier id="BookId">([^<]+)</u.exec(s)?.[1];
    expect(id(a)).not.toBe(id(b));
    expect(a).toContain(`${new Date().getFullYear()}`);
  });

  it('ours gives the same bytes at another time, with another random source and in another time zone', async () => {
    const first = zipEpub(await runEpubGen(await input('<p>x</p>')), '2026-02-12');
    vi.useFakeTimers({ now: new Date('2031-07-04T13:37:00Z'), toFake: ['Date'] });
    vi.spyOn(Math, 'random').mockReturnValue(0.123456);
    const tz = process.env.TZ;
    process.env.TZ = 'Pacific/Auckland';
    try {
      const second = zipEpub(await runEpubGen(await input('<p>x</p>')), '2026-02-12');
      expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
    } finally {
      process.env.TZ = tz;
    }
    const files = unzipEpub(first);
    const opf = textOf(files, 'OEBPS/content.opf');
    expect(opf).toContain('<dc:identifier id="uid">urn:rijkspers:PZ-2026%2F1</dc:identifier>');
    expect(opf).toContain('<meta property="dcterms:modified">2026-02-12T00:00:00Z</meta>');
    expect(textOf(files, 'OEBPS/toc.ncx')).toContain('<meta name="dtb:uid" content="urn:rijkspers:PZ-2026%2F1"/>');
  });

  it('the container: mimetype first and stored, no extra fields, one timestamp, fixed order', () => {
    const entries = [
      { path: 'OEBPS/b.xhtml', data: new Uint8Array([1]) },
      { path: 'META-INF/container.xml', data: new Uint8Array([2]) },
      { path: 'OEBPS/content.opf', data: new Uint8Array([3]) },
      { path: 'OEBPS/a.xhtml', data: new Uint8Array([4]) },
    ];
    const zipped = zipEpub(entries, '2026-02-12');
    expect(Buffer.from(zipEpub([...entries].reverse(), '2026-02-12')).equals(Buffer.from(zipped))).toBe(true);
    const order = zipEntryOrder(zipped);
    expect(order.map((e) => e.name)).toEqual(['mimetype', 'META-INF/container.xml', 'OEBPS/content.opf', 'OEBPS/a.xhtml', 'OEBPS/b.xhtml']);
    expect(order[0]).toEqual({ name: 'mimetype', method: 0, extraLength: 0 });
    expect(order.every((e) => e.extraLength === 0)).toBe(true);
    expect(new TextDecoder().decode(zipped.subarray(30, 38 + 20))).toBe('mimetypeapplication/epub+zip');
    // DOS date of every local header: 2026-02-12 00:00:00.
    const view = new DataView(zipped.buffer, zipped.byteOffset);
    expect(view.getUint16(10, true)).toBe(0);
    expect(view.getUint16(12, true)).toBe(((2026 - 1980) << 9) | (2 << 5) | 12);
  });

  it('options the library would fill from the clock are never left to it', async () => {
    const i = await input('<p>x</p>');
    const spy = vi.spyOn(EPub.prototype as unknown as { render(): Promise<unknown> }, 'render');
    await runEpubGen(i);
    const options = (spy.mock.contexts[0] as { options: Options }).options;
    expect(options.date).toBe('2026-02-12T00:00:00.000Z');
    expect(options.lang).toBe('nl');
  });
});
