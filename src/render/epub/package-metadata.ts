/**
 * The package document's metadata: what a reading system and a catalogue learn about the book
 * before opening it. Every value comes from the letter (`LetterMetadata`) or the theme's EPUB
 * strings, never from the clock, so two builds of one letter agree to the byte.
 */
import type { Letter, LetterMetadata } from '../../model/ast.js';
import type { Theme } from '../theme.js';

export const CONFORMS_TO = 'EPUB Accessibility 1.1 - WCAG 2.2 Level AA';

/** `dcterms:modified` of a book: midnight UTC of the letter date, never the build time. */
export function modifiedTimestamp(isoDate: string): string {
  return `${isoDate}T00:00:00Z`;
}

/** What the book is, then what was checked and what was not: never more than was done. */
export function accessibilitySummary(meta: LetterMetadata, theme: Theme): string {
  const claim = meta.accessibility;
  return [
    theme.t('accessibilitySummary'),
    theme.t(claim.checked ? 'a11yChecked' : 'a11yNotChecked', { certifier: claim.certifier }),
    theme.t(claim.manualReview ? 'a11yReviewed' : 'a11yNotReviewed'),
  ].join(' ');
}

export interface PackageMetadata {
  /** `urn:rijkspers:<our reference or file stem>`: stable for a letter, different between letters. */
  identifier: string;
  title: string;
  creator: string;
  publisher: string;
  lang: string;
  /** `YYYY-MM-DD`, the letter date. */
  date: string;
  /** `YYYY-MM-DDT00:00:00Z`: the letter date, never the build time. */
  modified: string;
  description: string;
  /** The PDF the page numbers come from; absent when there are no page numbers. */
  paginationSource?: string;
  accessMode: string[];
  accessModeSufficient: string[];
  accessibilityFeatures: string[];
  accessibilityHazard: string[];
  accessibilitySummary: string;
  /** Claimed only after a manual evaluation (`AccessibilityClaim`). */
  conformsTo?: string;
  certifiedBy?: string;
}

/**
 * A URN namespace-specific string keeps letters, digits and `()+,-.:=@;$_!*'`; anything else is
 * percent-encoded, so a reference with spaces or slashes still gives a valid, stable identifier.
 */
export function urnPart(text: string): string {
  return [...text.trim()]
    .map((c) => (/[A-Za-z0-9()+,\-.:=@;$_!*]/u.test(c) ? c : [...new TextEncoder().encode(c)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('')))
    .join('');
}

export function epubIdentifier(letter: Letter, meta: LetterMetadata): string {
  const part = meta.ourReference?.trim() ? meta.ourReference : letter.source.stem;
  return `urn:rijkspers:${urnPart(part)}`;
}

export function packageMetadata(
  letter: Letter,
  meta: LetterMetadata,
  theme: Theme,
  pagination: { pages: number; pdfFileName: string },
): PackageMetadata {
  const paged = pagination.pages > 0;
  const claim = meta.accessibility;
  return {
    identifier: epubIdentifier(letter, meta),
    title: meta.title,
    creator: meta.author,
    publisher: meta.author,
    lang: meta.lang,
    date: meta.isoDate,
    modified: modifiedTimestamp(meta.isoDate),
    description: meta.description,
    ...(paged ? { paginationSource: pagination.pdfFileName } : {}),
    accessMode: ['textual'],
    accessModeSufficient: ['textual'],
    accessibilityFeatures: [
      'structuralNavigation',
      'tableOfContents',
      'readingOrder',
      // Only with a page list: claiming page numbers without markers is an Ace violation, and a lie.
      ...(paged ? ['printPageNumbers', 'pageNavigation'] : []),
    ],
    accessibilityHazard: ['none'],
    accessibilitySummary: accessibilitySummary(meta, theme),
    // The organisation stands behind what the summary says; conformance only after a person checked.
    ...(claim.checked || claim.manualReview ? { certifiedBy: claim.certifier } : {}),
    ...(claim.manualReview ? { conformsTo: CONFORMS_TO } : {}),
  };
}
