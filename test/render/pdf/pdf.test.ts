/**
 * The PDF renderer on the three sample letters: what a screen reader gets from the tags, what
 * the pages show, validity (qpdf), reproducibility. Our PDF/UA checker and veraPDF run in test/e2e/;
 * speed is measured by the benchmark (test/bench/), not asserted here.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Letter, LetterMetadata } from '../../../src/model/ast.js';
import { inlineText, noteText, splitWords } from '../../../src/model/text.js';
import { renderPdf } from '../../../src/render/pdf/index.js';
import type { RenderInput, PdfRendering } from '../../../src/render/types.js';
import { REFERENCE, SAMPLES } from '../../support/letters.js';
import { expectNavigation, modelHeadings } from '../../support/headings.js';
import { normalized } from '../../support/html.js';
import { expectPdfSourceBackLinks } from '../../support/outputs.js';
import { addedWords, alignWords, elementsOfType, expectedParagraphCount, mainWords, modelParagraphs, noteBodyText, readingText, textAtPageStart } from '../../support/pdf/expect.js';
import { elements, inspectPdf, objrs, pagesOf, tagText, type Inspected, type TagNode } from '../../support/pdf/inspect.js';
import { renderInputOf } from '../../support/render.js';

const dir = mkdtempSync(join(tmpdir(), 'rijkspers-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Rendered {
  input: RenderInput;
  letter: Letter;
  meta: LetterMetadata;
  pdf: PdfRendering;
  file: string;
  doc: Inspected;
}

const rendered = new Map<string, Rendered>();

beforeAll(async () => {
  for (const sample of SAMPLES) {
    const input = await renderInputOf(sample);
    const pdf = await renderPdf(input);
    const file = join(dir, `${basename(sample, '.txt')}.pdf`);
    writeFileSync(file, pdf.bytes);
    rendered.set(sample, { input, letter: input.letter, meta: input.meta, pdf, file, doc: await inspectPdf(pdf.bytes) });
  }
});

const get = (sample: string): Rendered => rendered.get(sample)!;

/** A link's /Contents names its address: whole, or its first 100 or more characters and "…". */
function describedAddress(contents: string, uri: string): boolean {
  const address = uri.startsWith('mailto:') ? uri.slice('mailto:'.length) : uri;
  if (contents.endsWith(address)) return true;
  const m = /(\S+)…$/u.exec(contents);
  return m !== null && m[1]!.length >= 100 && address.startsWith(m[1]!);
}

/** What follows a source's text in the PDF: a no-break space and ↩ per call (↩1, ↩2 … when called more than once). */
const backLinkText = (calls: number, theme: RenderInput['theme']): string =>
  calls === 1 ? `\u00a0${theme.t('backlinkSymbol')}` : Array.from({ length: calls }, (_, i) => `\u00a0${theme.t('backlinkSymbol')}${i + 1}`).join('');
/** Only for text read with pdfjs (artifacts, page starts), which reports a line end instead of the space drawn there. */
const squash = (text: string): string => text.replace(/\s+/gu, ' ').trim();

describe.each(SAMPLES)('%s', (sample) => {
  it('is a valid PDF 1.7 by qpdf, with the page count it reports', () => {
    const { pdf, file, doc } = get(sample);
    const qpdf = spawnSync('qpdf', ['--check', file], { encoding: 'utf8' });
    expect(qpdf.status, qpdf.stdout + qpdf.stderr).toBe(0);
    expect(qpdf.stdout).toContain('No syntax or stream encoding errors');
    expect(Buffer.from(pdf.bytes).subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
    expect(doc.pageCount).toBe(pdf.pageCount);
    expect(pdf.pageStarts.map((s) => s.page)).toEqual(Array.from({ length: pdf.pageCount }, (_, i) => i + 1));
  });

  it('ties every MCID in the content to the structure tree and back (pdfjs getStructTree, ParentTree)', () => {
    const { doc } = get(sample);
    doc.pages.forEach((page) => {
      expect(page.contentMcids.length).toBeGreaterThan(0);
      expect([...page.structMcids].sort((a, b) => a - b)).toEqual([...page.contentMcids].sort((a, b) => a - b));
      expect(page.parentTreeSize).toBe(page.contentMcids.length);
      expect(page.structRoles.slice(0, 2)).toEqual(['Root', 'Document']);
    });
    expect(doc.pages[0]!.structRoles).toEqual(expect.arrayContaining(['H1', 'Div', 'P', 'Link']));
  });

  it('shows "Pagina X van Y" on every page, as an artifact', () => {
    const { doc } = get(sample);
    doc.pages.forEach((page, i) => {
      expect(page.artifactText).toContain(`Pagina ${i + 1} van ${doc.pageCount}`);
      expect(page.taggedText.join(' ')).not.toContain('Pagina ');
    });
  });

  it('has document metadata, language and title display', () => {
    const { doc, meta } = get(sample);
    expect(doc.lang).toBe('nl-NL');
    expect(doc.displayDocTitle).toBe(true);
    expect(doc.info.Title).toBe(meta.title);
    expect(doc.info.Author).toBe(meta.author);
    expect(doc.info.Subject).toBe(meta.description);
    expect(doc.info.CreationDate).toBe(`D:${meta.isoDate.replace(/-/gu, '')}120000Z`);
    expect(doc.xmpTitle).toBe(meta.title);
  });

  it('tags the subject as the only H1, first heading, and bookmarks the headings', () => {
    const { doc, letter, input } = get(sample);
    const headings = elements(doc.root).filter((e) => /^H\d$/u.test(e.type));
    expect(headings[0]?.type).toBe('H1');
    expect(elementsOfType(doc.root, 'H1').map((h) => tagText(h))).toEqual([letter.subject.text]);
    // No skipped levels.
    let level = 0;
    for (const h of headings) {
      const l = Number(h.type.slice(1));
      expect(l).toBeLessThanOrEqual(level + 1);
      level = l;
    }
    expect(doc.outline).toHaveLength(1);
    expect(doc.outline[0]!.title).toBe(letter.subject.text);
    // Changed on purpose (issue 10): a bookmark names a question by the start of its text and an
    // answer by its full name; the sources section has its bookmark too.
    const flat = (es: Inspected['outline']): string[] => es.flatMap((e) => [e.title, ...flat(e.children)]);
    const expected = modelHeadings(letter, input.theme);
    if (letter.notes.some((n) => n.kind === 'source')) expected.push({ level: 2, text: input.theme.t('sources'), name: input.theme.t('sources') });
    expect(headings.map((h) => normalized(h.alt ?? tagText(h)))).toEqual(expected.map((h) => h.name));
    expectNavigation(flat(doc.outline), expected, 'PDF bookmarks');
  });

  it('has one P per paragraph, each with exactly the paragraph text', () => {
    const { doc, letter } = get(sample);
    expect(elementsOfType(doc.root, 'P')).toHaveLength(expectedParagraphCount(letter));
    const notes = new Set(elementsOfType(doc.root, 'Note'));
    const inNote = (p: TagNode): boolean => [...notes].some((n) => elements(n).includes(p));
    const divs = doc.root.kids.filter((k): k is TagNode => k.kind === 'el' && k.type === 'Div');
    const furniture = new Set(divs.flatMap((d) => elements(d)));
    const bodyPs = elementsOfType(doc.root, 'P').filter((p) => !inNote(p) && !furniture.has(p));
    expect(bodyPs.map((p) => tagText(p))).toEqual(modelParagraphs(letter).map((p) => inlineText(p.content)));
  });

  it('carries every word of the letter in reading order, notes where they are placed', () => {
    const { doc, letter, input } = get(sample);
    const words = splitWords(readingText(doc.root, (n) => n.type === 'Note'));
    const { missing, unexpected } = alignWords(mainWords(letter), words, addedWords(letter, input.theme));
    expect(missing).toEqual([]);
    expect(unexpected).toEqual([]);
    const notes = elementsOfType(doc.root, 'Note');
    expect(notes.map((n) => n.id)).toEqual(expect.arrayContaining(letter.notes.map((n) => n.id)));
    expect(notes).toHaveLength(letter.notes.length);
    for (const note of letter.notes) {
      const el = notes.find((n) => n.id === note.id)!;
      const [lbl, p] = el.kids.filter((k): k is TagNode => k.kind === 'el');
      expect(lbl?.type).toBe('Lbl');
      expect(tagText(lbl!)).toBe(note.label);
      // A source ends with its back-links (↩), one per call.
      expect(noteBodyText(p!)).toBe(noteText(note));
      expect(tagText(p!)).toBe(note.kind === 'source' ? `${noteText(note)}${backLinkText(note.refIds.length, input.theme)}` : noteText(note));
    }
  });

  // Changed on purpose (issue 10): sources are no longer set at the page foot; they are listed in a
  // Bronnen section at the end, each with back-links to its calls. Footnotes stay at the page foot.
  it('prints each footnote on the page of its first call and lists each source at the end, both reached from a Reference > Link', () => {
    const { doc, letter } = get(sample);
    expect([...doc.idTree].sort()).toEqual(letter.notes.map((n) => n.id).sort());
    const notes = elementsOfType(doc.root, 'Note');
    const calls = elementsOfType(doc.root, 'Reference');
    expect(calls).toHaveLength(letter.notes.reduce((n, note) => n + note.refIds.length, 0));
    const lastPage = doc.pageCount - 1;
    for (const call of calls) {
      const [link] = call.kids.filter((k): k is TagNode => k.kind === 'el');
      expect(link?.type).toBe('Link');
      const [annot] = objrs(link!);
      expect(annot?.annot.dest).toBeDefined();
      const note = notes.find((n) => n.id === annot!.annot.dest)!;
      expect(note).toBeDefined();
      const model = letter.notes.find((n) => n.id === note.id)!;
      expect(annot!.annot.contents).toBe(model.kind === 'footnote' ? `Naar voetnoot ${model.label}` : `Naar bron ${model.label}`);
      const callPage = pagesOf(link!)[0]!;
      const notePage = pagesOf(note.kids.find((k): k is TagNode => k.kind === 'el' && k.type === 'Lbl')!)[0]!;
      if (model.kind === 'source') {
        // At the end, on the last page or pages: never before the call.
        expect(notePage).toBeGreaterThanOrEqual(callPage);
        expect(pagesOf(note).at(-1)).toBe(lastPage);
        continue;
      }
      // The first call decides; later calls of the same note may be on later pages.
      const firstCall = calls.find((c) => objrs(c)[0]?.annot.dest === note.id);
      if (firstCall === call) expect(notePage, `${note.id} on the page of its first call`).toBe(callPage);
    }
    expectPdfSourceBackLinks(letter, doc);
  });

  it('puts every link annotation in a Link element with a descriptive Contents; /Tabs /S on those pages', () => {
    const { doc } = get(sample);
    const links = elementsOfType(doc.root, 'Link');
    const tagged = links.flatMap((l) => objrs(l));
    const all = doc.pages.flatMap((p, i) => p.annots.map((a) => ({ page: i, a })));
    expect(tagged).toHaveLength(all.length);
    for (const { a, page } of all) {
      expect(a.subtype).toBe('Link');
      expect(a.contents?.trim().length ?? 0).toBeGreaterThan(0);
      expect(a.structParent).toBeTypeOf('number');
      expect(doc.pages[page]!.tabs).toBe('S');
    }
    for (const link of links) {
      expect(objrs(link).length).toBeGreaterThan(0);
      // An address is described whole, or by its start when long; all annotations of a link share one action.
      for (const o of objrs(link)) if (o.annot.uri) expect(describedAddress(o.annot.contents ?? '', o.annot.uri), o.annot.contents).toBe(true);
      expect(new Set(objrs(link).map((o) => o.annot.action)).size).toBe(1);
    }
  });

  it('groups the letterhead and the reference column with their labels, inside the Document', () => {
    const { doc, letter, input: { theme } } = get(sample);
    expect(doc.root.type).toBe('Document');
    const divs = doc.root.kids.filter((k): k is TagNode => k.kind === 'el' && k.type === 'Div');
    const head = divs.find((d) => d.title === theme.t('letterhead'))!;
    const reference = divs.find((d) => d.title === theme.t('referenceColumn'))!;
    expect(readingText(head)).toContain(`Datum ${letter.date.text}`);
    for (const field of letter.fields) expect(readingText(reference)).toContain(`${field.label} ${field.values[0]!.text}`);
    expect(tagText(reference)).toContain(letter.sender.organisation.text.split(' ')[0]);
  });

  // Changed on purpose (issue 8): a page start names what it begins with (`at`), not a magic block id.
  it('reports where every page begins, in unit-text offsets of the model', () => {
    const { doc, letter, pdf, input } = get(sample);
    expect(pdf.pageStarts[0]).toEqual({ page: 1, at: { kind: 'letter' } });
    for (const start of pdf.pageStarts.slice(1)) {
      expect(start.at.kind, `page ${start.page}`).toBe('node');
      const text = textAtPageStart(letter, start.at, input.theme);
      expect(text, `page ${start.page}: ${JSON.stringify(start.at)}`).toBeDefined();
      expect(text!.length).toBeGreaterThan(0);
      const firstTagged = doc.pages[start.page - 1]!.taggedText[0]!;
      const head = squash(firstTagged).slice(0, 12);
      expect(text!.replace(/\n/gu, ' ').startsWith(head), `page ${start.page} starts with "${head}"`).toBe(true);
    }
  });

  it('renders byte-identical output twice', async () => {
    const { input, pdf } = get(sample);
    const again = await renderPdf(input);
    expect(Buffer.compare(Buffer.from(again.bytes), Buffer.from(pdf.bytes))).toBe(0);
    expect(again.pageStarts).toEqual(pdf.pageStarts);
  });

  it('embeds only the TrueType faces, never a standard font', () => {
    const { file } = get(sample);
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    const rows = fonts.split('\n').slice(2).filter((l) => l.trim() !== '');
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row).toMatch(/FiraSans|DejaVuSans/u);
      expect(row).toMatch(/ CID TrueType +Identity-H +yes +yes +yes /u);
    }
  });
});

describe('the reference letter', () => {
  const ref = REFERENCE;

  it('lays out five pages with the annex starting on page 2', () => {
    const { pdf, letter } = get(ref);
    expect(pdf.pageCount).toBe(5);
    expect(pdf.pageStarts[1]).toEqual({ page: 2, at: { kind: 'node', id: letter.annex!.id, offset: 0 } });
  });

  // Changed on purpose (issue 10): a question and its answer are one Sect; questions at H3, the
  // answer at H4 with its label as written and an /Alt saying which questions it answers.
  it('tags each question and its answer as one Sect: the questions at H3, the answer at H4 named in full', () => {
    const { doc, letter } = get(ref);
    const annex = letter.annex!;
    const h3 = elementsOfType(doc.root, 'H3');
    const h4 = elementsOfType(doc.root, 'H4');
    expect(h3.map((h) => tagText(h))).toEqual(annex.parts.filter((p) => p.type === 'question').map((p) => p.label));
    expect(h4.map((h) => tagText(h))).toEqual(annex.parts.filter((p) => p.type === 'answer').map((p) => p.label));
    expect(h4.map((h) => h.alt)).toEqual([1, 2, 3, 4, 5, 6, 7].map((n) => `Antwoord op vraag ${n}`).concat(['Antwoord 7 en 8 (op vraag 8 en 9)', 'Antwoord op vraag 10']));
    const h2 = elementsOfType(doc.root, 'H2');
    expect(h2.map((h) => tagText(h))).toEqual([inlineText(annex.title!.content), 'Bronnen']);
    // The annex Sect holds its heading and one Sect per question-and-answer.
    const annexSect = doc.root.kids.find((k): k is TagNode => k.kind === 'el' && k.type === 'Sect' && k.kids.some((c) => c.kind === 'el' && c.type === 'H2' && tagText(c) === inlineText(annex.title!.content)))!;
    const pairs = annexSect.kids.filter((k): k is TagNode => k.kind === 'el' && k.type === 'Sect');
    const headingsIn = (sect: TagNode): string[] => elements(sect).filter((e) => /^H[3-4]$/u.test(e.type)).map((e) => `${e.type} ${tagText(e)}`);
    expect(pairs.map(headingsIn)).toEqual([
      ...[1, 2, 3, 4, 5, 6, 7].map((n) => [`H3 Vraag ${n}`, 'H4 Antwoord']),
      ['H3 Vraag 8', 'H3 Vraag 9', 'H4 Antwoord 7 en 8'],
      ['H3 Vraag 10', 'H4 Antwoord'],
    ]);
  });

  it('keeps every heading (Vraag, Antwoord, the annex title) on the page of the text that follows it', () => {
    for (const sample of SAMPLES) {
      const { doc } = get(sample);
      for (const parent of elements(doc.root)) {
        const kids = parent.kids.filter((k): k is TagNode => k.kind === 'el');
        kids.forEach((kid, i) => {
          const next = kids[i + 1];
          if (!/^H[2-6]$/u.test(kid.type) || !next) return;
          const headingPages = pagesOf(kid);
          expect(headingPages).toHaveLength(1);
          expect(pagesOf(next)[0], `${sample}: "${tagText(kid)}"`).toBe(headingPages[0]);
        });
      }
    }
  });

  it('sets note calls as raised, smaller text', () => {
    const { doc } = get(ref);
    const page = doc.pages[1]!;
    const call = page.runs.find((r) => r.str === '[1]' && !r.artifact)!;
    const before = page.runs.find((r) => r.str.includes('ontsnapt?'))!;
    expect(call).toBeDefined();
    expect(call.y - before.y).toBeGreaterThan(2);
    expect(call.x).toBeGreaterThan(before.x);
  });

  // Changed on purpose (issue 10): each answer's bookmark sits under its (last) question; the
  // sources section has a bookmark of its own after the annex.
  it('opens the bookmarks: subject > annex title (> questions > their answer) and Bronnen', () => {
    const { doc, letter } = get(ref);
    const parts = letter.annex!.parts;
    const questions = parts.filter((p) => p.type === 'question');
    expect(doc.outlineCount).toBe(parts.length + 3);
    expect(doc.outline[0]!.count).toBe(parts.length + 2);
    expect(doc.outline[0]!.children.map((c) => c.title)).toEqual([inlineText(letter.annex!.title!.content), 'Bronnen']);
    const annex = doc.outline[0]!.children[0]!;
    expect(annex.count).toBe(parts.length);
    expect(annex.children.map((c) => c.title.split(':')[0])).toEqual(questions.map((q) => q.label));
    // Vraag 8 has no answer of its own: "Antwoord 7 en 8" answers 8 and 9 and sits under Vraag 9.
    expect(annex.children.map((c) => c.children.map((a) => a.title))).toEqual([
      ...[1, 2, 3, 4, 5, 6, 7].map((n) => [`Antwoord op vraag ${n}`]), [], ['Antwoord 7 en 8 (op vraag 8 en 9)'], ['Antwoord op vraag 10'],
    ]);
  });

  // Changed on purpose (issue 10): footnotes follow the element that calls them; sources are listed
  // in the Bronnen section, the last Sect of the document.
  it('places each footnote right after the element that calls it, and every source in the Bronnen section at the end', () => {
    for (const sample of SAMPLES) {
      const { doc, letter } = get(sample);
      for (const parent of elements(doc.root)) {
        const kids = parent.kids.filter((k): k is TagNode => k.kind === 'el');
        kids.forEach((kid, i) => {
          if (kid.type !== 'Note' || !kid.id?.startsWith('fn-')) return;
          let j = i - 1;
          while (j >= 0 && kids[j]!.type === 'Note') j--;
          const caller = kids[j]!;
          expect(objrs(caller).some((o) => o.annot.dest === kid.id), `${sample}: ${kid.id} follows its caller`).toBe(true);
        });
      }
      const sources = letter.notes.filter((n) => n.kind === 'source');
      const last = doc.root.kids.filter((k): k is TagNode => k.kind === 'el').at(-1)!;
      if (sources.length === 0) {
        expect(elements(doc.root).some((e) => e.type === 'H2' && tagText(e) === 'Bronnen'), sample).toBe(false);
        continue;
      }
      expect(last.type, sample).toBe('Sect');
      const [heading, ...rest] = last.kids.filter((k): k is TagNode => k.kind === 'el');
      expect([heading!.type, tagText(heading!)]).toEqual(['H2', 'Bronnen']);
      expect(rest.map((n) => [n.type, n.id]), sample).toEqual(sources.map((n) => ['Note', n.id]));
    }
  });
});
