/**
 * The large-print house style (templates/grootletter): one column, the sender and the reference
 * fields under Betreft. They flow like the body, before it: a letter with many fields (the Finance
 * letter has nine groups) continues them on page 2 instead of running over page 1's foot, where
 * they once covered the page number and pushed the salutation off the page.
 */
import { describe, expect, it } from 'vitest';
import { renderPdf } from '../../../src/render/pdf/index.js';
import { loadTheme } from '../../../src/render/theme.js';
import { SAMPLES, UNSEEN } from '../../support/letters.js';
import { textRuns } from '../../support/pdf/inspect.js';
import { renderInputOf } from '../../support/render.js';

const MM = 72 / 25.4;
const pdfJson = loadTheme('grootletter').json('pdf.json') as { body: { bottomMarginMm: number }; referenceColumn: { placement: string } };
/** Baselines of the text area lie above this (PDF y, from the bottom): the foot holds the page number only. */
const TEXT_FLOOR = pdfJson.body.bottomMarginMm * MM;
const FINANCE = UNSEEN.find((f) => f.endsWith('fin-voorjaarsnota-2026.txt'))!;

it('sets the reference fields above the body', () => {
  expect(pdfJson.referenceColumn.placement).toBe('above-body');
});

describe.each([...SAMPLES, ...UNSEEN])('%s in large print', (path) => {
  it('draws every line of text above the foot, and the page number in it', async () => {
    const pages = await textRuns((await renderPdf(await renderInputOf(path, { theme: 'grootletter' }))).bytes);
    pages.forEach((runs, p) => {
      const low = runs.filter((r) => r.y < TEXT_FLOOR && r.str.trim() !== '').map((r) => r.str.trim()).join(' ');
      expect(low, `page ${p + 1}`).toBe(`Pagina ${p + 1} van ${pages.length}`);
    });
  });
});

describe('a letterhead longer than page 1', () => {
  it('continues the reference fields on page 2, before the salutation, every field whole', async () => {
    const pages = await textRuns((await renderPdf(await renderInputOf(FINANCE, { theme: 'grootletter' }))).bytes);
    const text = (p: number): string => pages[p]!.filter((r) => !r.artifact).map((r) => r.str).join(' ').replace(/\s+/gu, ' ');
    expect(text(0)).toContain('Inlichtingen drs. K. Yılmaz T 06 1234 5678 k.yilmaz@minfin.nl');
    expect(text(0)).not.toContain('Kopie aan');
    expect(text(1)).toMatch(/^Kopie aan Algemene Rekenkamer Raad van State Bijlage\(n\) 3 Geachte voorzitter, Hierbij bied ik u/u);
  });
});
