/** The parser on the real samples in input/: every part of the letterhead, body, annex and notes. */
import { describe, expect, it } from 'vitest';
import type { Block, Inline, Letter, List } from '../../../src/model/ast.js';
import { inlineText, letterWords, unitText } from '../../../src/model/text.js';
import { letterMetadata } from '../../../src/model/metadata.js';
import { loadTheme } from '../../../src/render/theme.js';
import { parseLetterFile } from '../../../src/readers/word-text/parse-letter.js';
import { OCW, REFERENCE as REF, VWS } from '../../support/letters.js';

function calls(content: readonly Inline[]): string[] {
  return content.filter((i) => i.type === 'noteRef').map((i) => (i.type === 'noteRef' ? i.noteId : ''));
}

/** Every object in the tree that has a `type` or `text` also has a positive source line. */
function everyNodeHasLine(node: unknown, path = 'letter'): string[] {
  const missing: string[] = [];
  if (Array.isArray(node)) node.forEach((n, i) => missing.push(...everyNodeHasLine(n, `${path}[${i}]`)));
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if ((('type' in o && o.type !== 'letter') || 'text' in o || 'label' in o) && !(typeof o.line === 'number' && o.line > 0)) missing.push(path);
    for (const [k, v] of Object.entries(o)) if (k !== 'source') missing.push(...everyNodeHasLine(v, `${path}.${k}`));
  }
  return missing;
}

describe('reference letter (BZ, answers to written questions)', async () => {
  const { letter, warnings } = await parseLetterFile(REF);

  it('reads the letterhead', () => {
    expect(letter.addressee.map((l) => l.text)).toEqual([
      'Aan de Voorzitter van de', 'Tweede Kamer der Staten-Generaal', 'Prinses Irenestraat 6', 'Den Haag',
    ]);
    expect(letter.date).toMatchObject({ text: '12 februari 2026', iso: '2026-02-12', line: 7 });
    expect(letter.subject.text).toBe('Beantwoording vragen van\u00a0het lid Van der Burg over het vrijlaten van jihadistische strijders uit detentiefaciliteiten in Syrië');
    expect(letter.subject.line).toBe(9);
    expect(letter.sender.organisation.text).toBe('Ministerie van Buitenlandse Zaken');
    expect(letter.sender.address.map((l) => l.text)).toEqual(['Rijnstraat 8', '2515XP Den Haag', 'Postbus 20061', 'Nederland', 'www.minbuza.nl']);
    expect(letter.sender.address[4]!.content).toEqual([{ type: 'link', href: 'https://www.minbuza.nl', text: 'www.minbuza.nl', line: 18 }]);
  });

  it('keeps every labelled field with its label', () => {
    expect(letter.fields.map((f) => [f.label, f.kind, f.values.map((v) => v.text)])).toEqual([
      ['Onze referentie', 'ourReference', ['BZ2624201']],
      ['Uw referentie', 'yourReference', ['2026Z00792']],
      ['Bijlage(n)', 'attachments', ['-']],
    ]);
  });

  it('records the logo placeholder with its (empty) alt text and drops the page furniture', () => {
    expect(letter.logo).toEqual({ alt: '', line: 30 });
    const all = letterWords(letter).join(' ');
    expect(all).not.toMatch(/Pagina 1 van 5/u);
    // The running header's organisation line is furniture too: only the sender block's remains.
    expect(all.split('Ministerie van Buitenlandse Zaken').length - 1).toBe(1);
  });

  it('reads salutation, body and signature', () => {
    expect(letter.salutation && inlineText(letter.salutation.content)).toBe('Geachte voorzitter');
    expect(letter.body).toHaveLength(1);
    expect(letter.body[0]!.type).toBe('paragraph');
    expect(letter.closing).toBeUndefined();
    expect(letter.signatories).toHaveLength(1);
    expect(letter.signatories[0]!.functionLines.map((l) => l.text)).toEqual(['De minister van Buitenlandse Zaken,']);
    expect(letter.signatories[0]!.name?.text).toBe('D.M. van Weel');
  });

  it('reads the Q&A annex with labels exactly as written', () => {
    const annex = letter.annex!;
    expect(unitText(annex.title!)).toMatch(/^Antwoorden van de minister van Buitenlandse Zaken op vragen van/u);
    const labels = annex.parts.map((p) => p.label);
    expect(labels.filter((l) => l.startsWith('Vraag'))).toEqual(['Vraag 1', 'Vraag 2', 'Vraag 3', 'Vraag 4', 'Vraag 5', 'Vraag 6', 'Vraag 7', 'Vraag 8', 'Vraag 9', 'Vraag 10']);
    expect(labels.filter((l) => l.startsWith('Antwoord'))).toEqual(['Antwoord', 'Antwoord', 'Antwoord', 'Antwoord', 'Antwoord', 'Antwoord', 'Antwoord', 'Antwoord 7 en 8', 'Antwoord']);
    const combined = annex.parts.find((p) => p.label === 'Antwoord 7 en 8')!;
    expect(combined.numbers).toEqual([7, 8]);
    expect(combined.answers).toEqual([8, 9]);
    expect(combined.content).toHaveLength(3);
    const answer2 = annex.parts.find((p) => p.type === 'answer' && p.answers?.[0] === 2)!;
    expect(answer2.content).toHaveLength(3);
  });

  it('warns about the answer label that does not match its questions, and only that', () => {
    expect(warnings.map((w) => [w.code, w.line])).toEqual([['qa-label-mismatch', 112]]);
    expect(warnings[0]!.message).toContain('Antwoord 7 en 8');
    expect(warnings[0]!.message).toContain('Vraag 8 and Vraag 9');
  });

  it('separates Word footnotes from source references', () => {
    expect(letter.notes.map((n) => [n.id, n.label, n.refIds])).toEqual([
      ['fn-1', '1', ['fnref-1']],
      ['fn-2', '2', ['fnref-2']],
      ['fn-3', '3', ['fnref-3']],
      ['src-1', '[1]', ['srcref-1']],
    ]);
    expect(inlineText(letter.notes[1]!.content)).toBe('Verslag bij Raad Buitenlandse Zaken 29 januari 2026, Kamerstuk 21 501-02 nr. 3345');
    const src = letter.notes[3]!;
    expect(src.content.find((i) => i.type === 'link')).toMatchObject({ href: 'https://x.com/hawzhin_azeez/status/2012916967741800646?s=20' });
    expect(inlineText(src.content)).toBe('X, 18 januari 2026 (https://x.com/hawzhin_azeez/status/2012916967741800646?s=20)');
    const q1 = letter.annex!.parts[0]!;
    expect(calls((q1.content[0] as Block & { content: Inline[] }).content)).toEqual(['src-1']);
    // The footnote texts are not left in the running text.
    const paragraph = letter.annex!.parts.find((p) => p.type === 'answer' && p.answers?.[0] === 3)!.content[1]!;
    expect(unitText(paragraph)).not.toContain('Motie-Stoffer');
    expect(unitText(paragraph).endsWith('voorwaardelijke steun.2')).toBe(true);
  });

  it('keeps no-break spaces and diacritics', () => {
    expect(inlineText((letter.body[0] as Block & { content: Inline[] }).content)).toContain('op\u00a019 januari 2026\u00a0met kenmerk\u00a02026Z00792');
    expect(letterWords(letter).join(' ')).toContain('beïnvloed');
  });

  it('gives every node its source line and unique block ids in document order', () => {
    expect(everyNodeHasLine(letter)).toEqual([]);
    const ids: string[] = [];
    const walk = (n: unknown): void => {
      if (Array.isArray(n)) n.forEach(walk);
      else if (n && typeof n === 'object') {
        const o = n as Record<string, unknown>;
        if (typeof o.id === 'string' && /^b\d+$/u.test(o.id)) ids.push(o.id);
        Object.values(o).forEach(walk);
      }
    };
    walk(letter);
    expect(new Set(ids).size).toBe(ids.length);
    const numbers = ids.map((id) => Number(id.slice(1)));
    expect([...numbers].sort((a, b) => a - b)).toEqual(numbers);
  });

  it('derives the publication metadata', () => {
    expect(letterMetadata(letter, loadTheme().t, { checked: false })).toMatchObject({
      title: letter.subject.text, author: 'Ministerie van Buitenlandse Zaken', lang: 'nl',
      isoDate: '2026-02-12', dateText: '12 februari 2026', ourReference: 'BZ2624201',
    });
    expect(letterMetadata(letter, loadTheme().t, { checked: false }).description).toBe('Brief van Ministerie van Buitenlandse Zaken aan de Voorzitter van de Tweede Kamer der Staten-Generaal, 12 februari 2026. Betreft: Beantwoording vragen van\u00a0het lid Van der Burg over het vrijlaten van jihadistische strijders uit detentiefaciliteiten in Syrië. Met de antwoorden op 10 vragen.');
  });
});

describe('OCW letter (headings, lists, closing)', async () => {
  const { letter, warnings } = await parseLetterFile(OCW);

  it('reads headings, bullet and numbered lists', () => {
    const shape = letter.body.map((b) => (b.type === 'heading' ? `h${b.level}:${inlineText(b.content)}` : b.type));
    expect(shape).toEqual(['paragraph', 'h2:Aanleiding', 'paragraph', 'h2:Wat gaan we doen', 'paragraph', 'list', 'paragraph', 'list', 'h2:Monitoring', 'paragraph']);
    const [bullets, numbers] = letter.body.filter((b): b is List => b.type === 'list');
    expect(bullets).toMatchObject({ ordered: false, style: 'bullet', suffix: '' });
    expect(bullets!.items.map((i) => i.marker)).toEqual(['-', '-', '-']);
    expect(inlineText(bullets!.items[1]!.content)).toBe('een schoolbibliotheek in elke school, in samenwerking met de openbare bibliotheek;');
    expect(numbers).toMatchObject({ ordered: true, style: 'decimal', suffix: '.', start: 1 });
    expect(numbers!.items.map((i) => [i.marker, inlineText(i.content)])).toEqual([
      ['1.', '€ 70 miljoen voor scholen, via de bekostiging;'],
      ['2.', '€ 30 miljoen voor de schoolbibliotheken;'],
      ['3.', '€ 20 miljoen voor de lerarenopleidingen.'],
    ]);
  });

  it('reads closing and lower-case function line', () => {
    expect(letter.closing && inlineText(letter.closing.content)).toBe('Hoogachtend,');
    expect(letter.signatories[0]!.functionLines[0]!.text).toBe('de minister van Onderwijs, Cultuur en Wetenschap,');
    expect(letter.signatories[0]!.name?.text).toBe('R.T. Bakker');
    expect(letter.annex).toBeUndefined();
  });

  it('links a URL in a footnote without the sentence full stop', () => {
    const fn2 = letter.notes.find((n) => n.id === 'fn-2')!;
    expect(fn2.content).toEqual([
      { type: 'text', text: 'Zie ook ', line: 52 },
      { type: 'link', href: 'https://www.onderwijsinspectie.nl/onderwerpen/staat-van-het-onderwijs', text: 'https://www.onderwijsinspectie.nl/onderwerpen/staat-van-het-onderwijs', line: 52 },
      { type: 'text', text: '.', line: 52 },
    ]);
    expect(letter.fields.map((f) => f.label)).toEqual(['Onze referentie', 'Bijlage(n)']);
    expect(warnings).toEqual([]);
  });
});

describe('VWS answers (combined answer label, source and footnote numbers overlap)', async () => {
  const { letter, warnings } = await parseLetterFile(VWS);

  it('matches "Antwoord op vraag 2 en 3" to questions 2 and 3 without a warning', () => {
    const combined = letter.annex!.parts.find((p) => p.label === 'Antwoord op vraag 2 en 3')!;
    expect(combined.numbers).toEqual([2, 3]);
    expect(combined.answers).toEqual([2, 3]);
    expect(warnings).toEqual([]);
  });

  it('keeps footnote 1 and source [1] apart', () => {
    const ids = letter.notes.map((n) => n.id);
    expect(ids).toEqual(['fn-1', 'fn-2', 'src-1']);
    const refIds = letter.notes.flatMap((n) => n.refIds);
    expect(new Set(refIds).size).toBe(refIds.length);
  });
});

describe('all samples', () => {
  it.each([REF, OCW, VWS])('%s: words in reading order contain no markup', async (file) => {
    const { letter } = await parseLetterFile(file);
    const words = letterWords(letter as Letter);
    expect(words.length).toBeGreaterThan(150);
    expect(words.join(' ')).not.toMatch(/footnoteRef|\[\d+:|\[image:/u);
  });
});
