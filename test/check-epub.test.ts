/**
 * The EPUB checker (EPUBCheck + Ace) on hand-built EPUBs: a minimal valid one passes with no
 * violation; each broken one fails with the rule id of the defect it carries.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aceViolations, epubCheckViolations, openEpubChecker } from '../src/check/epub.js';
import { EpubCheckRunner } from '../src/check/epub/epubcheck.js';
import type { CheckResult, CheckSession } from '../src/check/types.js';
import { fixtureEpub } from './fixtures/epub/helpers.js';

let session: CheckSession;
let dir: string;
const results = new Map<string, CheckResult>();

function rules(result: CheckResult, tool: string): string[] {
  return [...new Set(result.violations.filter((v) => v.tool === tool).map((v) => v.rule))].sort();
}

function childPids(): number[] {
  try {
    return execFileSync('pgrep', ['-P', String(process.pid)], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rijkspers-check-epub-'));
  session = await openEpubChecker();
  for (const name of ['minimal', 'broken-epubcheck', 'broken-ace-lang', 'broken-ace-img']) {
    const file = join(dir, `${name}.epub`);
    writeFileSync(file, fixtureEpub(name === 'minimal' ? undefined : name));
    results.set(name, await session.check(file));
  }
});

afterAll(async () => {
  await session?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('openEpubChecker', () => {
  it('passes the minimal valid EPUB with zero violations from both tools', () => {
    const r = results.get('minimal')!;
    expect(r.format).toBe('epub');
    expect(r.tools.map((t) => [t.tool, t.ran])).toEqual([['epubcheck', true], ['ace', true]]);
    expect(r.violations).toEqual([]);
    expect(r.passed).toBe(true);
  });

  it('records tool versions and durations', () => {
    const [epubcheck, ace] = results.get('minimal')!.tools;
    expect(epubcheck?.version).toBe('4.2.6');
    expect(ace?.version).toMatch(/^1\.4\.6 \(axe-core \d/u);
    for (const t of results.get('minimal')!.tools) expect(t.durationMs).toBeGreaterThan(0);
  });

  it('reports an EPUBCheck error (RSC-007: link to a missing file) with its location', () => {
    const r = results.get('broken-epubcheck')!;
    expect(r.passed).toBe(false);
    expect(rules(r, 'epubcheck')).toEqual(['RSC-007']);
    expect(rules(r, 'ace')).toEqual([]);
    const v = r.violations.find((x) => x.rule === 'RSC-007')!;
    expect(v.severity).toBe('error');
    expect(v.location).toMatch(/^EPUB\/text\.xhtml:\d+:\d+$/u);
    expect(v.message).toContain('bijlage.xhtml');
  });

  it('reports Ace html-has-lang for a content document without lang', () => {
    const r = results.get('broken-ace-lang')!;
    expect(r.passed).toBe(false);
    expect(rules(r, 'ace')).toEqual(['html-has-lang']);
    expect(rules(r, 'epubcheck')).toEqual([]);
    const v = r.violations.find((x) => x.rule === 'html-has-lang')!;
    expect(v.message).toMatch(/^serious: /u);
    expect(v.location).toContain('text.xhtml');
    expect(v.helpUrl).toMatch(/^https?:\/\/kb\.daisy\.org\//u);
  });

  it('reports Ace image-alt for an image without alt', () => {
    const r = results.get('broken-ace-img')!;
    expect(r.passed).toBe(false);
    expect(rules(r, 'ace')).toEqual(['image-alt']);
    expect(rules(r, 'epubcheck')).toEqual([]);
    const v = r.violations.find((x) => x.rule === 'image-alt')!;
    expect(v.message).toMatch(/^critical: /u);
    expect(v.location).toMatch(/text\.xhtml img/u);
  });

  it('reuses one browser and one JVM: a second check of the same file is fast', async () => {
    const file = join(dir, 'minimal.epub');
    const again = await session.check(file);
    expect(again.passed).toBe(true);
    const [epubcheck, ace] = again.tools;
    // Cold start of either tool alone costs more than these bounds (JVM ~3.5 s, Chromium ~0.4 s + Node).
    expect(epubcheck!.durationMs).toBeLessThan(2500);
    expect(ace!.durationMs).toBeLessThan(2500);
  });

  it('leaves no child process behind after close', async () => {
    const baseline = new Set(childPids());
    const extra = await openEpubChecker();
    const started = childPids().filter((p) => !baseline.has(p));
    // One JVM (EPUBCheck) and one Chromium (Ace).
    expect(started.length).toBe(2);
    await extra.close();
    const left = childPids().filter((p) => started.includes(p));
    expect(left).toEqual([]);
    await expect(extra.check(join(dir, 'minimal.epub'))).rejects.toThrow(/closed/u);
  });
});

describe('EPUBCheck without the one-JVM server (a JRE without the compiler module)', () => {
  it('falls back to one CLI run per file with the same results', async () => {
    const runner = await EpubCheckRunner.open({ server: false });
    try {
      expect(runner.mode).toBe('cli');
      const broken = await runner.check(join(dir, 'broken-epubcheck.epub'));
      expect(broken.run).toMatchObject({ tool: 'epubcheck', ran: true, version: '4.2.6' });
      expect(broken.violations.map((v) => v.rule)).toEqual(['RSC-007']);
    } finally {
      await runner.close();
    }
  });

  it('reports a file it cannot check as a tool that did not run', async () => {
    const runner = await EpubCheckRunner.open();
    try {
      // EPUBCheck itself reports a missing file with an empty message list: that must never pass.
      const missing = await runner.check(join(dir, 'does-not-exist.epub'));
      expect(missing.run.ran).toBe(false);
      expect(missing.run.error).toMatch(/no such file/u);
      const session = await openEpubChecker();
      try {
        const result = await session.check(join(dir, 'does-not-exist.epub'));
        expect(result.passed).toBe(false);
        expect(result.tools.map((t) => t.ran)).toEqual([false, false]);
      } finally {
        await session.close();
      }
      const odd = await runner.check(join(dir, 'bad\tname.epub'));
      expect(odd.run.ran).toBe(false);
      expect(odd.run.error).toMatch(/tab or line break/u);
    } finally {
      await runner.close();
    }
  });
});

describe('report mapping', () => {
  it('maps every EPUBCheck FATAL/ERROR/WARNING, skipping USAGE/INFO', () => {
    const v = epubCheckViolations({
      messages: [
        { ID: 'PKG-001', severity: 'FATAL', message: 'bad zip', locations: [] },
        { ID: 'OPF-053', severity: 'WARNING', message: 'date', locations: [{ path: 'EPUB/p.opf', line: 3, column: 5 }] },
        { ID: 'ACC-001', severity: 'USAGE', message: 'usage', locations: [] },
      ],
    });
    expect(v.map((x) => [x.rule, x.severity, x.location])).toEqual([
      ['PKG-001', 'error', undefined],
      ['OPF-053', 'warning', 'EPUB/p.opf:3:5'],
    ]);
  });

  it('maps nested Ace assertions with their content document, ignoring passes', () => {
    const v = aceViolations({
      assertions: [
        {
          'earl:testSubject': { url: 'a.xhtml' },
          assertions: [
            {
              'earl:test': { 'dct:title': 'image-alt', 'earl:impact': 'critical', help: { url: 'https://x', 'dct:description': 'Add alt' } },
              'earl:result': { 'earl:outcome': 'fail', 'dct:description': 'no alt', 'earl:pointer': { css: ['img'] }, html: '<img src="x"/>' },
            },
            { 'earl:test': { 'dct:title': 'region' }, 'earl:result': { 'earl:outcome': 'pass' } },
          ],
        },
      ],
    });
    expect(v).toEqual([
      { tool: 'ace', rule: 'image-alt', severity: 'error', message: 'critical: no alt — <img src="x"/>', location: 'a.xhtml img', help: 'Add alt', helpUrl: 'https://x' },
    ]);
  });
});
