/**
 * How fast each writer is on the reference letter (warm: fonts and templates loaded). Speed is
 * measured here, never asserted in a test: `npm run bench:render` (`make bench` times whole commands).
 */
import { bench, describe } from 'vitest';
import { renderEpub } from '../../src/render/epub/index.js';
import { renderHtml } from '../../src/render/html/index.js';
import { layoutPdf, renderPdf, writePdf } from '../../src/render/pdf/index.js';
import { readLetter } from '../../src/readers/index.js';
import { REFERENCE } from '../support/letters.js';
import { epubInputOf, renderAll, renderInputOf } from '../support/render.js';

const input = await renderInputOf(REFERENCE);
const all = await renderAll(REFERENCE);
const epubInput = epubInputOf(input, all.pageStarts);
const layout = layoutPdf(input);

describe('reference letter', () => {
  bench('read (word-text reader)', async () => { await readLetter(REFERENCE); });
  bench('HTML', async () => { await renderHtml(input); });
  bench('PDF: layout', () => { layoutPdf(input); });
  bench('PDF: write', async () => { await writePdf(layout); });
  bench('PDF: layout and write', async () => { await renderPdf(input); });
  bench('EPUB', async () => { await renderEpub(epubInput); });
});
