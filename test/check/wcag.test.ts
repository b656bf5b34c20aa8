import { describe, expect, it } from 'vitest';
import { profileFromAxeTags, wcagFromAxeTags, wcagFromHtmlcsCode } from '../../src/check/wcag.js';

describe('WCAG criteria from tool ids', () => {
  it('reads axe tags: criteria of one or two digits, no level tags, no best practice', () => {
    expect(wcagFromAxeTags(['cat.color', 'wcag2aa', 'wcag143', 'EN-9.1.4.3'])).toEqual(['1.4.3']);
    expect(wcagFromAxeTags(['wcag21aa', 'wcag1410', 'wcag2411', 'wcag22aa'])).toEqual(['1.4.10', '2.4.11']);
    expect(wcagFromAxeTags(['best-practice', 'cat.semantics'])).toEqual([]);
  });

  it('names the conformance level an axe rule belongs to', () => {
    expect(profileFromAxeTags(['wcag2aa', 'wcag143'])).toBe('wcag2aa');
    expect(profileFromAxeTags(['wcag22aa', 'wcag258'])).toBe('wcag22aa');
    expect(profileFromAxeTags(['best-practice'])).toBe('best-practice');
    expect(profileFromAxeTags(['cat.aria'])).toBeUndefined();
  });

  it('reads HTML_CodeSniffer codes', () => {
    expect(wcagFromHtmlcsCode('WCAG2AA.Principle1.Guideline1_4.1_4_10.C32,C31,C33,C38,SCR34,G206')).toBe('1.4.10');
    expect(wcagFromHtmlcsCode('WCAG2AA.Principle4')).toBeUndefined();
  });
});
