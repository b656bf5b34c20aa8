/**
 * WCAG success criteria as the tools name them, turned into the `1.4.3` form of `Finding.wcag`.
 * axe (and Ace, which runs axe) tag rules `wcag143`; HTML_CodeSniffer codes carry `1_4_3`.
 */

/**
 * axe tags → success criteria: `wcag143` → `1.4.3`, `wcag1410` → `1.4.10`. Level tags (`wcag2aa`,
 * `wcag21a`) and `best-practice` name no criterion. Principle and guideline have one digit each
 * in WCAG 2.x; the rest is the criterion number.
 */
export function wcagFromAxeTags(tags: readonly string[]): string[] {
  const out: string[] = [];
  for (const tag of tags) {
    const m = /^wcag(\d)(\d)(\d+)$/u.exec(tag);
    if (m) out.push(`${m[1]}.${m[2]}.${m[3]}`);
  }
  return [...new Set(out)];
}

/** The conformance level an axe rule is tagged with (`wcag2aa`, `wcag22aa` …), or `best-practice`. */
export function profileFromAxeTags(tags: readonly string[]): string | undefined {
  const level = tags.find((t) => /^wcag\d*a+$/u.test(t));
  if (level) return level;
  return tags.includes('best-practice') ? 'best-practice' : undefined;
}

/** `WCAG2AA.Principle1.Guideline1_4.1_4_3.G18.Fail` → `1.4.3`. */
export function wcagFromHtmlcsCode(code: string): string | undefined {
  return code.split('.').find((p) => /^\d+_\d+_\d+$/u.test(p))?.replace(/_/gu, '.');
}
