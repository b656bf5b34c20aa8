import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHtmlCheckSession, type HtmlCheckSession } from '../src/check/html.js';
import type { CheckResult, Violation } from '../src/check/types.js';
import { letterMetadata } from '../src/model/metadata.js';
import { parseLetterFile, parseLetterText } from '../src/parse/parse-letter.js';
import { renderHtml } from '../src/render/html.js';
import { loadTheme } from '../src/render/theme.js';

const INPUT_DIR = join(import.meta.dirname, '..', 'input');
const FIXTURES = join(import.meta.dirname, 'fixtures', 'html');
const BROKEN = join(FIXTURES, 'broken.html');

/** Processes whose command line names this profile directory (Linux /proc). */
function processesUsing(profileDir: string): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc').filter((e) => /^\d+$/u.test(e))) {
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(profileDir)) out.push(Number(entry));
    } catch {
      // Gone while we looked.
    }
  }
  return out;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const rules = (violations: readonly Violation[], tool: string): string[] => violations.filter((v) => v.tool === tool).map((v) => v.rule);

describe('HTML checker', () => {
  let session: HtmlCheckSession;
  let outDir: string;
  const samples: string[] = [];

  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'rijkspers-check-html-'));
    const theme = loadTheme();
    const letters = [];
    for (const f of readdirSync(INPUT_DIR).filter((n) => n.endsWith('.txt')).sort()) letters.push((await parseLetterFile(join(INPUT_DIR, f))).letter);
    letters.push(parseLetterText('crafted-letter.txt', readFileSync(join(FIXTURES, 'crafted-letter.txt'))).letter);
    for (const letter of letters) {
      const file = join(outDir, `${letter.source.stem}.html`);
      writeFileSync(file, renderHtml({ letter, meta: letterMetadata(letter, loadTheme().t, {}), theme }));
      samples.push(file);
    }
    session = await openHtmlCheckSession();
  });

  afterAll(async () => {
    await session?.close();
    rmSync(outDir, { recursive: true, force: true });
  });

  it('finds no violation in any sample letter', async () => {
    expect(samples.length).toBe(4);
    for (const file of samples) {
      const result = await session.check(file);
      expect(result.format).toBe('html');
      expect(result.violations.map((v) => `${v.tool} ${v.rule} ${v.location}`), file).toEqual([]);
      expect(result.tools.map((t) => [t.tool, t.ran, t.error])).toEqual([['chromium', true, undefined], ['axe', true, undefined], ['pa11y', true, undefined]]);
      expect(result.passed).toBe(true);
    }
  });

  describe('on a broken page', () => {
    let result: CheckResult;
    beforeAll(async () => {
      result = await session.check(BROKEN);
    });

    it('fails it, with every tool run and its version and time recorded', () => {
      expect(result.passed).toBe(false);
      for (const t of result.tools) {
        expect(t.ran, t.tool).toBe(true);
        expect(t.version, t.tool).toMatch(/^\d+\.\d+/u);
        expect(t.durationMs).toBeGreaterThan(0);
      }
      const axe = result.tools.find((t) => t.tool === 'axe')!;
      expect(axe.version).toBe(JSON.parse(readFileSync(join(import.meta.dirname, '..', 'node_modules', 'axe-core', 'package.json'), 'utf8')).version);
      expect(axe.checked).toBeGreaterThan(10);
      expect(result.tools.find((t) => t.tool === 'pa11y')!.version).toMatch(/^9\.\d+\.\d+ \(HTML_CodeSniffer \d/u);
    });

    it('reports missing lang, missing alt, low contrast and an empty link from axe', () => {
      const axe = rules(result.violations, 'axe');
      for (const rule of ['html-has-lang', 'image-alt', 'color-contrast', 'link-name']) expect(axe).toContain(rule);
      const contrast = result.violations.find((v) => v.rule === 'color-contrast' && v.location?.includes('faint'))!;
      expect(contrast.severity).toBe('error');
      expect(contrast.helpUrl).toMatch(/^https:\/\/dequeuniversity\.com\/rules\/axe\/4\.\d+\/color-contrast/u);
      expect(contrast.location).toMatch(/^\.faint <p class="faint">/u);
      expect(contrast.message).toContain('1.98');
    });

    it('checks contrast in dark mode too', () => {
      const dark = result.violations.filter((v) => v.rule === 'color-contrast' && v.location?.includes('dark-only'));
      expect(dark).toHaveLength(1);
      expect(dark[0]!.message).toMatch(/\[dark 1280px\]$/u);
    });

    it('reports the same problems from pa11y (HTML_CodeSniffer codes)', () => {
      const pa11y = rules(result.violations, 'pa11y');
      expect(pa11y).toContain('WCAG2AA.Principle3.Guideline3_1.3_1_1.H57.2');
      expect(pa11y).toContain('WCAG2AA.Principle1.Guideline1_1.1_1_1.H37');
      expect(pa11y).toContain('WCAG2AA.Principle1.Guideline1_4.1_4_3.G18.Fail');
      expect(pa11y).toContain('WCAG2AA.Principle4.Guideline4_1.4_1_2.H91.A.NoContent');
      const alt = result.violations.find((v) => v.rule.endsWith('.H37'))!;
      expect(alt.helpUrl).toBe('https://www.w3.org/WAI/WCAG22/Techniques/html/H37');
      expect(alt.help).toBe('WCAG success criterion 1.1.1, technique H37');
      expect(alt.location).toMatch(/^html > body > main > p:nth-child\(\d\) > img <img /u);
      // Only errors: HTMLCS warnings and notices are not violations.
      expect(result.violations.every((v) => v.severity === 'error')).toBe(true);
    });

    it('reports a request outside the file and sideways scrolling at 320 px', () => {
      const chromium = result.violations.filter((v) => v.tool === 'chromium');
      const external = chromium.filter((v) => v.rule === 'external-request');
      expect(external).toHaveLength(1);
      expect(external[0]!.location).toMatch(/ontbrekend-plaatje\.png$/u);
      const reflow = chromium.filter((v) => v.rule === 'reflow-320');
      expect(reflow).toHaveLength(1);
      expect(reflow[0]!.location).toMatch(/div\.wide/u);
    });
  });

  it('reports a missing file as tools that did not run', async () => {
    const result = await session.check(join(FIXTURES, 'bestaat-niet.html'));
    expect(result.passed).toBe(false);
    expect(result.tools.map((t) => t.ran)).toEqual([false, false, false]);
    expect(result.tools[0]!.error).toMatch(/not found/u);
  });

  it('leaves no browser process and no profile behind after close', async () => {
    const pid = session.browserPid!;
    const profile = session.profileDir!;
    expect(isAlive(pid)).toBe(true);
    expect(processesUsing(profile).length).toBeGreaterThan(0);
    await session.close();
    expect(isAlive(pid)).toBe(false);
    expect(processesUsing(profile)).toEqual([]);
    expect(existsSync(profile)).toBe(false);
    // A second close is harmless.
    await session.close();
  });
});
