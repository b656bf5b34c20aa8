/**
 * End to end: every sample in input/ (and a crafted letter the project has never seen) is
 * published in all formats and every checker must report zero violations.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLetters, type LetterOutcome } from '../src/pipeline.js';
import { summarise } from '../src/report/console.js';
import { letterText } from './helpers/letters.js';

const samples = readdirSync('input').filter((f) => f.endsWith('.txt')).sort().map((f) => join('input', f));

/** A letter unlike the samples: another ministry, unknown field labels, nested lists, notes, a URL, a Q&A annex. */
const unseen = letterText({
  subject: 'Stand van zaken A12 & verbreding <fase 2>',
  fields: ['Ons kenmerk', 'IENW/BSK-2026/4567', '', 'Uw brief van', '12 januari 2026', '', 'Contactpersoon', 'ir. M. El Amrani', 'T 070 456 78 90', '', 'Bijlage(n)', '2'],
  body: [
    'Met deze brief informeer ik uw Kamer over de voortgang van de verbreding van de A12.[footnoteRef:1] [1:  Kamerstuk 36 200 A, nr. 12; zie ook https://www.rijksoverheid.nl/documenten/kamerstukken/2026/01/12/voortgang-verbreding-a12-en-andere-projecten-met-een-heel-lange-adresregel.]',
    '',
    '1. Aanleiding',
    'De Raad van State heeft op 4 februari 2026 uitspraak gedaan. De gevolgen zijn:',
    '•\tvertraging van ten minste één jaar;',
    'o\tvoor het deel Ede–Grijsoord;',
    'o\tvoor het deel Grijsoord–Arnhem;',
    '•\thogere kosten (≥\u00a0€\u00a012\u00a0miljoen).',
    '',
    '2. Vervolg',
    'Ik zal uw Kamer voor de zomer opnieuw informeren. Vragen kunt u richten aan a12@minienw.nl.',
  ],
  annex: [
    'Antwoorden op vragen van het lid Özdemir over de A12.',
    '',
    'Vraag 1',
    'Wanneer is de weg klaar?[1]',
    '',
    'Antwoord',
    'Naar verwachting in 2029.',
    '',
    '[1] NOS, 5 februari 2026.',
  ],
});

describe('publishing with checks', () => {
  let outDir: string;
  let src: string;
  let outcomes: LetterOutcome[];

  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'rijkspers-e2e-'));
    src = mkdtempSync(join(tmpdir(), 'rijkspers-unseen-'));
    const unseenFile = join(src, 'ienw-a12-unseen.txt');
    writeFileSync(unseenFile, unseen);
    outcomes = await buildLetters([...samples, unseenFile], { outDir, formats: ['html', 'pdf', 'epub'], check: true });
  }, 600_000);

  afterAll(() => {
    // Outputs with violations are kept for inspection (the failing test names the files).
    if (outcomes && summarise(outcomes).exitCode !== 0) return;
    for (const dir of [outDir, src]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('publishes every letter with every check passing (exit 0)', () => {
    const failures: unknown[] = outcomes.flatMap((o): unknown[] => (o.kind === 'published'
      ? (o.checks ?? []).filter((c) => !c.passed).map((c) => ({ file: c.file, tools: c.tools, findings: c.findings.slice(0, 5) }))
      : [o]));
    expect(failures).toEqual([]);
    expect(summarise(outcomes)).toMatchObject({ letters: samples.length + 1, inputErrors: 0, outputs: 3 * (samples.length + 1), failed: 0, exitCode: 0 });
  });

  it('ran every checker tool on every output', () => {
    const tools = new Map<string, string[]>();
    for (const o of outcomes) {
      if (o.kind !== 'published') continue;
      for (const c of o.checks ?? []) tools.set(c.format, [...new Set([...(tools.get(c.format) ?? []), ...c.tools.filter((t) => t.ran).map((t) => t.tool.name)])]);
    }
    expect(tools.get('html')).toEqual(expect.arrayContaining(['axe', 'pa11y']));
    expect(tools.get('epub')).toEqual(expect.arrayContaining(['epubcheck', 'ace']));
    expect(tools.get('pdf')).toEqual(expect.arrayContaining(['pdfua']));
  });

  it('writes a report per letter that says what was checked', () => {
    for (const o of outcomes) {
      if (o.kind !== 'published') continue;
      const report = JSON.parse(readFileSync(o.reportPath, 'utf8'));
      expect(report.status).toBe('published');
      expect(report.checks.map((c: { format: string }) => c.format)).toEqual(['html', 'pdf', 'epub']);
      expect(report.summary).toMatchObject({ outputs: 3, checked: 3, violations: 0 });
      for (const c of report.checks) expect(c.tools.every((t: { ran: boolean; optional?: boolean }) => t.ran || t.optional)).toBe(true);
    }
  });
});
