/**
 * The checkers on crafted files, with the run's one Chromium (HTML checks and Ace) and one
 * EPUBCheck JVM (./pool.ts, shared with ./publish.ts; ./run.test.ts is the file vitest runs). The
 * violating fixtures go through the tools all at once (as a batch build sends them) and each must
 * come back with the rule ids, fields and locations of its defects; the clean ones with no
 * finding at all.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HTTPRequest, Page } from 'puppeteer-core';
import { acquireChromium } from '../../src/check/browser.js';
import { EpubCheckRunner } from '../../src/check/epub/epubcheck.js';
import type { HtmlCheckSession } from '../../src/check/html.js';
import type { CheckResult, Finding, OutputFormat } from '../../src/check/types.js';
import { letterMetadata } from '../../src/model/metadata.js';
import { parseLetterText } from '../../src/readers/word-text/parse-letter.js';
import { renderHtml } from '../../src/render/html/index.js';
import { loadTheme } from '../../src/render/theme.js';
import { VERSION } from '../../src/version.js';
import { fixtureEpub } from '../fixtures/epub/helpers.js';
import { failing, rulesOf, toolsRun } from '../support/findings.js';
import { commandOf, descendants, groupAlive } from '../support/processes.js';
import { checkers } from './pool.js';

const HTML_FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'html');
let dir: string;
const results = new Map<string, CheckResult>();

const result = (name: string): CheckResult => {
  const r = results.get(name);
  if (!r) throw new Error(`${name} was not checked`);
  return r;
};
const only = (r: CheckResult, tool: string, rule: string): Finding[] => r.findings.filter((f) => f.tool.name === tool && f.rule === rule);

/** Durations differ from run to run; everything else must not. */
const withoutTimes = (r: CheckResult): unknown => ({ ...r, tools: r.tools.map(({ durationMs: _d, ...t }) => t) });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rijkspers-e2e-checkers-'));
  const crafted = parseLetterText('crafted-letter.txt', readFileSync(join(HTML_FIXTURES, 'crafted-letter.txt'))).letter;
  const theme = loadTheme();
  writeFileSync(join(dir, 'crafted-letter.html'), await renderHtml({ letter: crafted, meta: letterMetadata(crafted, theme.t, { checked: true }), theme }));
  const files: Array<[string, OutputFormat, string]> = [
    ['crafted-letter.html', 'html', join(dir, 'crafted-letter.html')],
    ...['broken.html', 'csp-blocked.html', 'font-targets.html'].map((n): [string, OutputFormat, string] => [n, 'html', join(HTML_FIXTURES, n)]),
  ];
  for (const name of ['minimal', 'broken-epubcheck', 'warning-epubcheck', 'broken-ace-lang', 'broken-ace-img']) {
    const file = join(dir, `${name}.epub`);
    writeFileSync(file, fixtureEpub(name === 'minimal' ? undefined : name));
    files.push([`${name}.epub`, 'epub', file]);
  }
  // All at once, as a batch build checks them.
  const checked = await Promise.all(files.map(([, format, file]) => checkers.check(format, file)));
  files.forEach(([name], i) => results.set(name, checked[i]!));
}, 300_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('HTML checker: page rules, pa11y and three axe passes on one page in the shared Chromium', () => {
  it('passes a rendered letter, with every tool run and named with its version', () => {
    const r = result('crafted-letter.html');
    expect(failing(r)).toEqual([]);
    expect(r.findings).toEqual([]);
    expect(toolsRun(r)).toEqual([['chromium', true, undefined], ['rijkspers', true, undefined], ['pa11y', true, undefined], ['axe', true, undefined]]);
    const [chromium, ours, pa11y, axe] = r.tools;
    expect(chromium!.tool.version).toMatch(/^\d+\.\d+\.\d+/u);
    expect(ours!.tool).toEqual({ name: 'rijkspers', version: VERSION });
    expect(ours!.checked).toBe(4);
    expect(pa11y!.tool.version).toMatch(/^9\.\d+\.\d+ \(HTML_CodeSniffer \d/u);
    expect(axe!.tool.version).toBe(JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'node_modules', 'axe-core', 'package.json'), 'utf8')).version);
    expect(axe!.checked).toBeGreaterThan(10);
    expect(r.passed).toBe(true);
  });

  describe('on broken.html', () => {
    it('fails it, with every tool run', () => {
      const r = result('broken.html');
      expect(r.passed).toBe(false);
      expect(r.tools.every((t) => t.ran)).toBe(true);
      expect(r.findings.every((f) => f.severity === 'violation' && f.fails)).toBe(true);
    });

    it('reports axe rules with impact, WCAG criteria, selector, markup and the passes they showed up in', () => {
      const r = result('broken.html');
      expect(rulesOf(r, 'axe')).toEqual(['color-contrast', 'html-has-lang', 'image-alt', 'link-name']);
      const [faint] = only(r, 'axe', 'color-contrast').filter((f) => f.locations[0]?.selector === '.faint');
      expect(faint).toMatchObject({
        impact: 'serious', wcag: ['1.4.3'], passes: ['light', 'dark', '320px'],
        locations: [{ file: 'broken.html', selector: '.faint', snippet: expect.stringMatching(/^<p class="faint">/u) }],
      });
      expect(faint!.message).toContain('1.98');
      // Contrast is checked in the dark palette too: this paragraph fails there only.
      const [dark] = only(r, 'axe', 'color-contrast').filter((f) => f.locations[0]?.selector === '.dark-only');
      expect(dark!.passes).toEqual(['dark']);
    });

    it('reports the same problems from pa11y, with WCAG criteria and technique links', () => {
      const r = result('broken.html');
      expect(rulesOf(r, 'pa11y')).toEqual([
        'WCAG2AA.Principle1.Guideline1_1.1_1_1.H37',
        'WCAG2AA.Principle1.Guideline1_4.1_4_3.G18.Fail',
        'WCAG2AA.Principle2.Guideline2_4.2_4_1.G1,G123,G124.NoSuchID',
        'WCAG2AA.Principle3.Guideline3_1.3_1_1.H57.2',
        'WCAG2AA.Principle4.Guideline4_1.4_1_2.H91.A.NoContent',
      ]);
      expect(only(r, 'pa11y', 'WCAG2AA.Principle1.Guideline1_1.1_1_1.H37')[0]).toMatchObject({
        wcag: ['1.1.1'], helpUrl: 'https://www.w3.org/WAI/WCAG22/Techniques/html/H37',
        locations: [{ selector: 'html > body > main > p:nth-child(3) > img', snippet: expect.stringMatching(/^<img /u) }],
      });
    });

    it('reports a request outside the file and sideways scrolling at 320 px under our own name', () => {
      const r = result('broken.html');
      expect(rulesOf(r, 'rijkspers')).toEqual(['external-request', 'reflow-320']);
      expect(only(r, 'rijkspers', 'external-request')[0]!.locations[0]!.object).toMatch(/ontbrekend-plaatje\.png$/u);
      expect(only(r, 'rijkspers', 'reflow-320')[0]).toMatchObject({ tool: { name: 'rijkspers', version: VERSION }, wcag: ['1.4.10'], locations: [{ selector: 'body > main > div.wide' }] });
    });
  });

  it('reports what a page\'s own policy blocks, and still checks the page with its styles (as pa11y and axe always did)', () => {
    const r = result('csp-blocked.html');
    expect(rulesOf(r, 'rijkspers')).toEqual(['csp-violation', 'external-request']);
    expect(only(r, 'rijkspers', 'csp-violation').map((f) => f.locations[0]!.object).sort()).toEqual(['https://example.invalid/plaatje.png', 'inline']);
    // The blocked stylesheet makes .faint faint: axe sees it because it checks with the policy bypassed.
    expect(rulesOf(r, 'axe')).toEqual(['color-contrast', 'heading-order']);
  });

  it('reports a font that does not load, small targets, missing labels and dark-mode contrast', () => {
    const r = result('font-targets.html');
    expect(rulesOf(r, 'rijkspers')).toEqual(['font-load', 'reflow-320']);
    expect(rulesOf(r, 'axe')).toEqual(expect.arrayContaining(['label', 'list', 'target-size', 'color-contrast']));
    expect(only(r, 'axe', 'color-contrast').every((f) => f.passes?.join() === 'dark')).toBe(true);
    expect(rulesOf(r, 'pa11y')).toEqual(['WCAG2AA.Principle1.Guideline1_3.1_3_1.F68', 'WCAG2AA.Principle4.Guideline4_1.4_1_2.H91.InputText.Name']);
  });

  it('finds the same on its own as in a batch, also on a page kept from a job that bypassed the page\'s policy', async () => {
    // One at a time, so each check takes the page the one before left (the policy-blocked page
    // is reloaded with the policy bypassed; the next check must see its policy enforced again).
    for (const name of ['broken.html', 'csp-blocked.html', 'csp-blocked.html', 'font-targets.html']) {
      const alone = await checkers.check('html', join(HTML_FIXTURES, name));
      expect(withoutTimes(alone), name).toEqual(withoutTimes(result(name)));
    }
  });

  it('reports a missing file as tools that did not run, never as a pass', async () => {
    const r = await checkers.check('html', join(dir, 'bestaat-niet.html'));
    expect(r.passed).toBe(false);
    expect(r.tools.map((t) => t.ran)).toEqual([false, false, false, false]);
    expect(r.tools[0]!.error).toMatch(/not found/u);
    expect(r.findings.length).toBeGreaterThan(0);
    expect(r.findings.every((f) => f.severity === 'tool-failure' && f.fails)).toBe(true);
  });

  it('reports a check that runs out of time as a tool failure, not as a violation', async () => {
    const before = process.env.RIJKSPERS_TIME_FACTOR;
    process.env.RIJKSPERS_TIME_FACTOR = '0.00001';
    let r: CheckResult;
    try {
      r = await checkers.check('html', join(HTML_FIXTURES, 'broken.html'));
    } finally {
      if (before === undefined) delete process.env.RIJKSPERS_TIME_FACTOR;
      else process.env.RIJKSPERS_TIME_FACTOR = before;
    }
    expect(r.passed).toBe(false);
    expect(r.findings.filter((f) => f.severity !== 'tool-failure')).toEqual([]);
    expect(r.tools.find((t) => !t.ran)!.error).toMatch(/did not finish within/u);
    // The browser is still fine for the next file.
    expect(failing(await checkers.check('html', join(dir, 'crafted-letter.html')))).toEqual([]);
  });
});

describe('the shared browser\'s pages', () => {
  it('gives every job a page as a new one is: a kept page is reset, one left with a listener is not kept', async () => {
    const lease = await acquireChromium(); // the run's browser, which the pool holds too
    const limits = { limitMs: 60_000, what: 'a test job' };
    const url = pathToFileURL(join(HTML_FIXTURES, 'broken.html')).href;
    try {
      const { session } = lease;
      const userAgent = await session.browser.userAgent();
      const state = (page: Page): Promise<unknown> => page.evaluate(`({ width: innerWidth, dark: matchMedia('(prefers-color-scheme: dark)').matches, ua: navigator.userAgent })`);
      const first = await session.withPage(async (page) => {
        await page.goto(url);
        const fresh = await state(page);
        const onRequest = (r: HTTPRequest): void => void r.continue();
        page.on('request', onRequest);
        await page.setRequestInterception(true);
        await page.setBypassCSP(true);
        await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
        await page.setViewport({ width: 320, height: 640 });
        await page.setUserAgent('een ander');
        await page.goto(url);
        expect(await state(page)).toEqual({ width: 320, dark: true, ua: 'een ander' });
        page.off('request', onRequest);
        return { page, fresh };
      }, limits);
      expect(first.fresh).toEqual({ width: 800, dark: false, ua: userAgent });
      // Kept and reset: interception is off, so this load needs no handler to finish.
      const second = await session.withPage(async (page) => {
        await page.goto(url);
        return { page, now: await state(page) };
      }, limits);
      expect(second.page).toBe(first.page);
      expect(second.now).toEqual(first.fresh);
      // A job that leaves a listener behind: its page is closed, the next job gets a new one.
      await session.withPage(async (page) => { page.on('console', () => undefined); }, limits);
      const third = await session.withPage(async (page) => page, limits);
      expect(third).not.toBe(first.page);
      expect(first.page.isClosed()).toBe(true);
    } finally {
      await lease.release();
    }
  });
});

describe('EPUB checker: EPUBCheck in one JVM, Ace in the shared Chromium', () => {
  it('passes the minimal valid EPUB, with both tools run and named with their versions', () => {
    const r = result('minimal.epub');
    expect(r.findings).toEqual([]);
    expect(toolsRun(r)).toEqual([['epubcheck', true, undefined], ['ace', true, undefined]]);
    expect(r.tools[0]!.tool.version).toBe('4.2.6');
    expect(r.tools[1]!.tool.version).toMatch(/^1\.4\.6 \(axe-core \d/u);
    expect(r.passed).toBe(true);
  });

  it('reports an EPUBCheck error with file, line and column', () => {
    const r = result('broken-epubcheck.epub');
    expect(r.passed).toBe(false);
    expect(rulesOf(r, 'epubcheck')).toEqual(['RSC-007']);
    expect(rulesOf(r, 'ace')).toEqual([]);
    expect(only(r, 'epubcheck', 'RSC-007')[0]).toMatchObject({ severity: 'violation', locations: [{ file: 'EPUB/text.xhtml', line: 12, column: 39 }] });
  });

  it('fails an EPUB on an EPUBCheck warning, reported as a warning', () => {
    const r = result('warning-epubcheck.epub');
    expect(r.passed).toBe(false);
    expect(r.findings.map((f) => [f.tool.name, f.rule, f.severity, f.fails])).toEqual([['epubcheck', 'OPF-053', 'warning', true]]);
  });

  it('reports Ace findings with impact, WCAG criterion, content document and selector', () => {
    const lang = result('broken-ace-lang.epub');
    expect(rulesOf(lang, 'ace')).toEqual(['html-has-lang']);
    expect(rulesOf(lang, 'epubcheck')).toEqual([]);
    expect(only(lang, 'ace', 'html-has-lang')[0]).toMatchObject({ impact: 'serious', wcag: ['3.1.1'], locations: [{ file: 'text.xhtml', selector: 'html' }] });
    const img = result('broken-ace-img.epub');
    expect(rulesOf(img, 'ace')).toEqual(['image-alt']);
    expect(only(img, 'ace', 'image-alt')[0]).toMatchObject({ impact: 'critical', wcag: ['1.1.1'], helpUrl: expect.stringMatching(/^https?:\/\/kb\.daisy\.org\//u) });
  });

  it('reports a missing file as tools that did not run', async () => {
    const r = await checkers.check('epub', join(dir, 'bestaat-niet.epub'));
    expect(r.passed).toBe(false);
    expect(r.tools.map((t) => t.ran)).toEqual([false, false]);
    expect(r.findings.every((f) => f.severity === 'tool-failure')).toBe(true);
  });

  it('falls back to one EPUBCheck CLI run per file with the same findings when the one-JVM server cannot run', async () => {
    const runner = await EpubCheckRunner.open({ server: false });
    try {
      expect(runner.mode).toBe('cli');
      const broken = await runner.check(join(dir, 'broken-epubcheck.epub'));
      expect(broken.run).toMatchObject({ tool: { name: 'epubcheck', version: '4.2.6' }, ran: true });
      expect(broken.findings).toEqual(only(result('broken-epubcheck.epub'), 'epubcheck', 'RSC-007'));
      const odd = await runner.check(join(dir, 'bad\tname.epub'));
      expect(odd.run.ran).toBe(false);
      expect(odd.findings).toEqual([expect.objectContaining({ severity: 'tool-failure', message: expect.stringMatching(/tab or line break/u) })]);
    } finally {
      await runner.close();
    }
  });

  it('reports an EPUBCheck run that runs out of time as a tool failure and ends the JVM', async () => {
    const runner = await EpubCheckRunner.open();
    const before = process.env.RIJKSPERS_TIME_FACTOR;
    try {
      expect(runner.mode).toBe('server');
      process.env.RIJKSPERS_TIME_FACTOR = '0.00001';
      const late = await runner.check(join(dir, 'broken-epubcheck.epub'));
      expect(late.run.ran).toBe(false);
      expect(late.findings).toEqual([expect.objectContaining({ severity: 'tool-failure', message: expect.stringMatching(/did not finish within/u) })]);
      expect(runner.mode).toBe('cli');
    } finally {
      if (before === undefined) delete process.env.RIJKSPERS_TIME_FACTOR;
      else process.env.RIJKSPERS_TIME_FACTOR = before;
      await runner.close();
    }
  });
});

describe('closing', () => {
  it('ends the browser\'s and the JVM\'s process groups and removes the browser\'s scratch folder', async () => {
    const html = (await checkers.session('html')) as HtmlCheckSession;
    const pid = html.browserPid!;
    const scratch = html.scratchDir!;
    const tools = (): string[] => [...new Set(descendants(process.pid).map(commandOf).filter((c): c is string => c === 'java' || c === 'chromium'))].sort();
    expect(groupAlive(pid).length).toBeGreaterThan(0);
    expect(tools()).toEqual(['chromium', 'java']);
    expect(existsSync(scratch)).toBe(true);
    await checkers.close();
    expect(groupAlive(pid)).toEqual([]);
    expect(tools()).toEqual([]);
    expect(existsSync(scratch)).toBe(false);
    // A second close is harmless.
    await checkers.close();
  });
});
