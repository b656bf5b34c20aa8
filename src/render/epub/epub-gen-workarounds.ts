/**
 * epub-gen-memory 1.1.2, with every known defect worked around here and nowhere else.
 *
 * What the library does for us: the OCF skeleton (`mimetype`, `META-INF/container.xml`), running
 * our EJS templates for the package document, the EPUB 3 nav, the NCX and each chapter, and
 * naming the files. What it gets wrong, and what we do about it:
 *
 *  1. Default OPF hard-codes `xml:lang="en"`               → our `contentOPF` template; checked after rendering.
 *  2. Empty `dc:description` when none is given            → a description is required (throws when blank).
 *  3. No accessibility metadata, landmarks or page-list   → our `contentOPF` / `tocXHTML` / `tocNCX` templates.
 *  4. Its sanitizer drops `scope`, `headers`, `start`, `value`, `datetime`, `data-*` …
 *  5. … turns `alt=""` into `alt="image-placeholder"` …
 *  6. … and parses `<span/>` as an open tag                → chapter markup bypasses the sanitizer: it goes in
 *     the chapter's `body` key, which our `chapterXHTML` template prints raw; the library only sees an
 *     empty `content`. Our serialiser never self-closes a non-void element (`<span></span>`).
 *  7. Images (and fonts) only from `file://` or http(s)    → binary resources come from memory and go
 *     straight into the container; our OPF lists them.
 *  8. Random uuid, `new Date()` in OPF/NCX/zip             → the uuid is replaced by our identifier, every date
 *     comes from the letter, and the container is re-zipped reproducibly (`zip.ts`).
 */
import { EPub, type Chapter, type Options } from 'epub-gen-memory';
import { modifiedTimestamp } from './package-metadata.js';
import type { ZipEntry } from './zip.js';

export interface EpubTemplates {
  contentOPF: string;
  tocXHTML: string;
  tocNCX: string;
  chapterXHTML: string;
}

export interface EpubChapterInput {
  /** File name inside `OEBPS/`, ending in `.xhtml`. */
  filename: string;
  /** The document title (`<title>`). */
  title: string;
  /** The body markup, well-formed XHTML. */
  body: string;
  /** Extra data for the chapter template (e.g. `epub:type` of the body). */
  [key: string]: unknown;
}

/** A file from memory, placed at `OEBPS/<href>` and listed in the manifest by the OPF template. */
export interface EpubResource {
  id: string;
  href: string;
  mediaType: string;
  data: Uint8Array;
}

export interface EpubGenInput {
  identifier: string;
  title: string;
  author: string;
  publisher: string;
  /** Non-empty: an empty `dc:description` is an EPUBCheck error. */
  description: string;
  lang: string;
  /** `YYYY-MM-DD`. */
  isoDate: string;
  tocTitle: string;
  css: string;
  templates: EpubTemplates;
  chapters: EpubChapterInput[];
  resources: EpubResource[];
  /** Everything else the templates need (metadata, nav lists, manifest extras), as `rs` in EJS. */
  templateData: Record<string, unknown>;
}

/** The directory epub-gen-memory writes the publication into. */
export const CONTENT_DIR = 'OEBPS';

/** The library's class with the random uuid replaced by our identifier (defect 8). */
class ReproducibleEPub extends EPub {
  constructor(options: Options, content: readonly Chapter[], identifier: string) {
    super(options, content);
    this.uuid = identifier;
  }

  /** The files as the library made them, without its zip (and its timestamps). */
  async files(): Promise<ZipEntry[]> {
    await this.render();
    const out: ZipEntry[] = [];
    for (const [path, file] of Object.entries(this.zip.files)) {
      if (file.dir) continue;
      out.push({ path, data: await file.async('uint8array') });
    }
    return out;
  }
}

/** Defect 2: the library would write an empty `dc:description`. */
export function requireDescription(description: string): string {
  const text = description.replace(/\s+/gu, ' ').trim();
  if (!text) throw new Error('epub: dc:description must not be empty (EPUBCheck rejects an empty one)');
  return text;
}

/** Defects 4–6: the markup we hand over must reach the chapter unchanged and parse the same everywhere. */
export function chapterFor(chapter: EpubChapterInput): Chapter & Record<string, unknown> {
  if (!chapter.filename.endsWith('.xhtml') || /[^-._A-Za-z0-9]/u.test(chapter.filename)) {
    // The library would rename it, and our links would point nowhere.
    throw new Error(`epub: chapter file name "${chapter.filename}" must be [-._A-Za-z0-9]+.xhtml`);
  }
  return { ...chapter, content: '', excludeFromToc: false, beforeToc: false };
}

/** Defect 1 (and a guard for 2 and 8): the package document says what we asked for, nothing of the library's defaults. */
export function checkPackageDocument(opf: string, input: Pick<EpubGenInput, 'lang' | 'identifier' | 'description' | 'isoDate'>): void {
  const problems: string[] = [];
  const packageTag = opf.slice(opf.indexOf('<package'), opf.indexOf('>', opf.indexOf('<package')) + 1);
  if (!packageTag.includes(` xml:lang="${input.lang}"`)) problems.push(`package xml:lang is not "${input.lang}"`);
  if (!opf.includes(`<dc:language>${input.lang}</dc:language>`)) problems.push(`dc:language is not "${input.lang}"`);
  if (!opf.includes('<dc:description>') || opf.includes('<dc:description></dc:description>')) problems.push('dc:description is empty or missing');
  if (!opf.includes(`>${input.identifier}</dc:identifier>`)) problems.push('dc:identifier is not ours');
  if (!opf.includes(`<meta property="dcterms:modified">${modifiedTimestamp(input.isoDate)}</meta>`)) problems.push('dcterms:modified is not the letter date');
  if (problems.length) throw new Error(`epub: package document from the template is wrong: ${problems.join('; ')}`);
}

/** Runs epub-gen-memory and returns the container's files (not zipped: `zip.ts` does that). */
export async function runEpubGen(input: EpubGenInput): Promise<ZipEntry[]> {
  const description = requireDescription(input.description);
  const options: Options & Record<string, unknown> = {
    title: input.title,
    author: input.author,
    publisher: input.publisher,
    description,
    lang: input.lang,
    // Only the library's own (unused) template fields read this; ours print `rs.modified`/`rs.date`.
    date: modifiedTimestamp(input.isoDate),
    tocTitle: input.tocTitle,
    tocInTOC: false,
    numberChaptersInTOC: false,
    prependChapterTitles: false,
    css: input.css,
    fonts: [],
    version: 3,
    verbose: false,
    ignoreFailedDownloads: false,
    ...input.templates,
    // Extra option keys reach every template (the library spreads its options into the EJS data).
    rs: { ...input.templateData, identifier: input.identifier, description, isoDate: input.isoDate, resources: input.resources.map(({ data: _data, ...r }) => r) },
  };
  const epub = new ReproducibleEPub(options, input.chapters.map(chapterFor), input.identifier);
  const files = await epub.files();
  const opf = files.find((f) => f.path === `${CONTENT_DIR}/content.opf`);
  if (!opf) throw new Error('epub: the library wrote no content.opf');
  checkPackageDocument(new TextDecoder().decode(opf.data), { ...input, description });
  for (const r of input.resources) {
    if (files.some((f) => f.path === `${CONTENT_DIR}/${r.href}`)) throw new Error(`epub: resource ${r.href} clashes with a library file`);
    files.push({ path: `${CONTENT_DIR}/${r.href}`, data: r.data });
  }
  return files;
}
