/** EPUBCheck's JSON report → findings, on reports EPUBCheck 4.2.6 wrote for the fixture EPUBs. */
import { describe, expect, it } from 'vitest';
import { EPUBCHECK_HELP_URL, epubCheckFindings, type EpubCheckJson } from '../../../src/check/epub/epubcheck.js';
import { recorded } from '../../support/recorded.js';

const tool = { name: 'epubcheck', version: '4.2.6' };

describe('epubCheckFindings', () => {
  it('gives an error its file, line and column as separate fields', () => {
    const [f, ...rest] = epubCheckFindings(recorded<EpubCheckJson>('epubcheck-broken-epubcheck.json'));
    expect(rest).toEqual([]);
    expect(f).toEqual({
      tool, rule: 'RSC-007', severity: 'violation', fails: true, profile: 'epub3',
      message: 'Referenced resource "EPUB/bijlage.xhtml" could not be found in the EPUB.',
      locations: [{ file: 'EPUB/text.xhtml', line: 12, column: 39, snippet: 'EPUB/bijlage.xhtml' }],
      helpUrl: EPUBCHECK_HELP_URL,
    });
  });

  it('reports a warning as a warning that still fails the check', () => {
    expect(epubCheckFindings(recorded<EpubCheckJson>('epubcheck-warning.json'))).toEqual([expect.objectContaining({
      rule: 'OPF-053', severity: 'warning', fails: true, locations: [{ file: 'EPUB/package.opf', line: 8, column: 40 }],
    })]);
  });

  it('reports FATAL and ERROR as violations, and drops the -1 EPUBCheck writes for an unknown line', () => {
    const findings = epubCheckFindings(recorded<EpubCheckJson>('epubcheck-not-a-zip.json'));
    expect(findings.map((f) => [f.rule, f.severity, f.locations])).toEqual([
      ['PKG-003', 'violation', [{ file: 'not-a-zip.epub' }]],
      ['PKG-008', 'violation', [{ file: 'not-a-zip.epub' }]],
    ]);
    // No EPUB version could be read, so no profile is claimed.
    expect(findings[0]!.profile).toBeUndefined();
  });

  it('skips USAGE and INFO, and counts a message reported at several places', () => {
    const findings = epubCheckFindings({
      messages: [
        { ID: 'ACC-001', severity: 'USAGE', message: 'usage', locations: [] },
        { ID: 'INF-001', severity: 'INFO', message: 'info', locations: [] },
        { ID: 'RSC-012', severity: 'ERROR', message: 'Fragment identifier is not defined.', locations: [{ path: 'a.xhtml', line: 1, column: 2 }, { path: 'b.xhtml', line: 3, column: 4 }] },
      ],
      checker: { checkerVersion: '4.2.6' },
    });
    expect(findings.map((f) => [f.rule, f.count, f.locations.length])).toEqual([['RSC-012', 2, 2]]);
  });
});
