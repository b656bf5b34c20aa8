/**
 * The EPUB 3 publication: a reflowable book as navigable as the PDF.
 *
 * letter → content documents from the shared tree, with the PDF's page markers (chapters.ts,
 * page-list.ts) → navigation from the documents' headings (navigation.ts) and package metadata
 * (package-metadata.ts) → the house style's EJS templates run by epub-gen-memory, its defects
 * worked around in one place (epub-gen-workarounds.ts) → a reproducible container (zip.ts).
 */
import { basename } from 'node:path';
import type { Letter } from '../../model/ast.js';
import type { Theme } from '../theme.js';
import type { EpubRenderInput } from '../types.js';
import { fallbackFaceCss, fallbackFaces } from '../web/fallback-fonts.js';
import { fontFaceCss, webFontFaces } from '../web/fonts.js';
import { serialize } from '../web/serialize.js';
import { bulletCss } from '../web/tree.js';
import { buildChapters, imageResources, markerDocuments } from './chapters.js';
import { runEpubGen, type EpubResource, type EpubTemplates } from './epub-gen-workarounds.js';
import { buildNavigation } from './navigation.js';
import { packageMetadata } from './package-metadata.js';
import { placePageStarts } from './page-list.js';
import { zipEpub } from './zip.js';
import { readFileCached } from '../../util/read-cached.js';

/** The nav document's name is fixed by epub-gen-memory. */
const NAV_FILE = 'toc.xhtml';

function templates(theme: Theme): EpubTemplates {
  const read = (name: string): string => readFileCached(theme.file(`epub/${name}`)).toString('utf8');
  return {
    contentOPF: read('content.opf.ejs'),
    tocXHTML: read('toc.xhtml.ejs'),
    tocNCX: read('toc.ncx.ejs'),
    chapterXHTML: read('chapter.xhtml.ejs'),
  };
}

/** The theme's web fonts as files of the book, and the `@font-face` rules that load them. */
async function fonts(theme: Theme, letter: Letter): Promise<{ resources: EpubResource[]; css: string }> {
  const faces = webFontFaces(theme, theme.data.epub.webFonts, letter);
  const fallbacks = await fallbackFaces(theme, letter, faces);
  const resources = faces.map((face, i): EpubResource => ({
    id: `font-${i + 1}`,
    href: `fonts/${basename(face.file)}`,
    mediaType: 'font/woff2',
    data: new Uint8Array(readFileCached(face.file)),
  }));
  fallbacks.forEach((face, i) => resources.push({ id: `font-fallback-${i + 1}`, href: `fonts/${face.name}`, mediaType: 'font/ttf', data: face.data }));
  const css = [fontFaceCss(faces, (face) => `"fonts/${basename(face.file)}"`), ...(fallbacks.length ? [fallbackFaceCss(fallbacks, faces, (face) => `"fonts/${face.name}"`)] : [])];
  return { resources, css: css.join('\n') };
}

export async function renderEpub(input: EpubRenderInput): Promise<Uint8Array> {
  const { letter, meta, theme, pageStarts, pdfFileName } = input;
  const placements = placePageStarts(letter, pageStarts);
  const chapters = buildChapters(input, placements);
  const { nav, ncx } = buildNavigation(chapters, placements, markerDocuments(chapters), NAV_FILE, {
    tocTitle: theme.t('contents'),
    landmarksTitle: theme.t('landmarks'),
    pageListTitle: theme.t('pageList'),
    letterLandmark: theme.t('letterLandmark'),
    annexLandmark: theme.t('annexLandmark'),
    notesLandmark: theme.t('notesLandmark'),
    pageLabel: (page) => theme.t('pageListItem', { page }),
  });
  const pkg = packageMetadata(letter, meta, theme, { pages: nav.pageList.length, pdfFileName });
  const font = await fonts(theme, letter);
  const css = [font.css, bulletCss(theme), ...theme.data.epub.stylesheets.map((f) => readFileCached(theme.file(f)).toString('utf8'))].join('\n\n');

  const entries = await runEpubGen({
    identifier: pkg.identifier,
    title: pkg.title,
    author: pkg.creator,
    publisher: pkg.publisher,
    description: pkg.description,
    lang: pkg.lang,
    isoDate: meta.isoDate,
    tocTitle: nav.tocTitle,
    css,
    templates: templates(theme),
    chapters: chapters.map((c) => ({
      filename: c.filename,
      title: c.title,
      body: serialize(c.tree, true),
      bodyClass: c.bodyClass,
      id: c.id,
      ...(c.properties ? { properties: c.properties } : {}),
    })),
    resources: [...font.resources, ...imageResources(letter)],
    templateData: { meta: pkg, nav, ncx },
  });
  return zipEpub(entries, meta.isoDate);
}
