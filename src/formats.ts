/**
 * The formats rijkspers publishes, each with its renderer and checker loaded on demand: a build
 * without checks never loads a browser driver, and `--format html` never loads pdfkit.
 */
import type { OpenChecker, OutputFormat } from './check/types.js';

export const FORMATS: readonly OutputFormat[] = ['html', 'pdf', 'epub'];

export const EXTENSIONS: Record<OutputFormat, string> = { html: '.html', pdf: '.pdf', epub: '.epub' };

export async function loadChecker(format: OutputFormat): Promise<OpenChecker> {
  switch (format) {
    case 'html': return (await import('./check/html.js')).openHtmlChecker;
    case 'pdf': return (await import('./check/pdf/index.js')).openPdfChecker;
    case 'epub': return (await import('./check/epub.js')).openEpubChecker;
  }
}

/** The format of an existing file, by extension (`rijkspers check`). */
export function formatOfFile(file: string): OutputFormat | undefined {
  const lower = file.toLowerCase();
  if (lower.endsWith('.html') || lower.endsWith('.htm') || lower.endsWith('.xhtml')) return 'html';
  if (lower.endsWith('.pdf')) return 'pdf';
  if (lower.endsWith('.epub')) return 'epub';
  return undefined;
}
