/** axe results → findings, on a recorded axe run over test/fixtures/html/broken.html. */
import type { AxeResults } from 'axe-core';
import { describe, expect, it } from 'vitest';
import { axeFindings } from '../../../src/check/html/axe.js';
import { FindingSet } from '../../../src/check/html/findings.js';
import { recorded } from '../../support/recorded.js';

const results = recorded<Pick<AxeResults, 'violations'>>('axe-broken-dark.json');
const tool = { name: 'axe', version: '4.14.1' };

describe('axeFindings', () => {
  const findings = axeFindings(results, 'broken.html', tool);

  it('makes one finding per failing node, each failing the check', () => {
    expect(findings.map((f) => [f.rule, f.locations[0]?.selector])).toEqual([
      ['color-contrast', '.faint'],
      ['color-contrast', '.dark-only'],
      ['html-has-lang', 'html'],
      ['image-alt', 'img[width="40"]'],
      ['link-name', 'a'],
    ]);
    for (const f of findings) expect(f).toMatchObject({ tool, severity: 'violation', fails: true });
  });

  it('keeps impact and WCAG criteria as fields, not in the message', () => {
    const alt = findings.find((f) => f.rule === 'image-alt')!;
    expect(alt.impact).toBe('critical');
    expect(alt.wcag).toEqual(['1.1.1']);
    expect(alt.profile).toBe('wcag2a');
    expect(alt.message).not.toMatch(/critical|wcag/iu);
    // A rule tagged with two criteria names both.
    expect(findings.find((f) => f.rule === 'link-name')!.wcag).toEqual(['2.4.4', '4.1.2']);
  });

  it('puts the selector and the element markup into the location, and the specifics into the message', () => {
    const dark = findings.find((f) => f.locations[0]?.selector === '.dark-only')!;
    expect(dark.locations).toEqual([{ file: 'broken.html', selector: '.dark-only', snippet: expect.stringMatching(/^<p class="dark-only">Deze alinea/u) }]);
    expect(dark.message).toMatch(/^Elements must meet minimum color contrast ratio thresholds: .*contrast of 1\.43/u);
    expect(dark.helpUrl).toMatch(/^https:\/\/dequeuniversity\.com\/rules\/axe\/4\.\d+\/color-contrast/u);
    expect(dark.help).toMatch(/contrast/u);
  });
});

describe('FindingSet', () => {
  it('merges the same finding from several passes into one that names each pass', () => {
    const set = new FindingSet();
    const [faint, dark] = axeFindings(results, 'broken.html', tool);
    set.add(faint!, 'light');
    set.add(faint!, 'dark');
    set.add(faint!, 'dark');
    set.add(dark!, 'dark');
    expect(set.list().map((f) => [f.locations[0]?.selector, f.passes])).toEqual([['.faint', ['light', 'dark']], ['.dark-only', ['dark']]]);
  });

  it('leaves findings from outside the axe passes without a pass list', () => {
    const set = new FindingSet();
    set.add(axeFindings(results, 'broken.html', tool)[0]!);
    expect(set.list()[0]!.passes).toBeUndefined();
  });
});
