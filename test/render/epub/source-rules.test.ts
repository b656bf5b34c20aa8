/**
 * Issue 8, as rules on the sources: the EPUB is built from the shared HTML tree, never by rewriting
 * rendered markup.
 *  - No placeholder characters: U+FDD0 and U+FDD1 (once used to mark page starts in markup) appear
 *    nowhere in src/, as characters or as escapes. The only mention allowed in code is the
 *    forbidden range U+FDD0–U+FDEF that the readers drop and the XMP writer refuses, as that range.
 *    The issue's own `grep -rn 'FDD0\|FDD1' src/` (case-sensitive) finds nothing, comments included.
 *  - No module under src/render/epub/ matches markup with a regular expression: no regex literal
 *    there has `<` or `>` in its pattern, and no pattern is built at run time (`RegExp(…)`), which
 *    no reader of the code could check. Regexes are found by parsing each module (oxc, through
 *    vite's `parseSync`), not by searching its text.
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../../support/letters.js';
import { filesUnder, parseModule, visitNodes } from '../../support/source.js';

interface Found { file: string; what: string }

/** Regex literals (pattern) and run-time `RegExp(…)` / `new RegExp(…)` calls of a module. */
function regexesOf(file: string): Found[] {
  const out: Found[] = [];
  visitNodes(parseModule(file).program, (node) => {
    const n = node as { type?: string; regex?: { pattern: string }; callee?: { type?: string; name?: string } };
    if (n.type === 'Literal' && n.regex) out.push({ file, what: n.regex.pattern });
    if ((n.type === 'NewExpression' || n.type === 'CallExpression') && n.callee?.type === 'Identifier' && n.callee.name === 'RegExp') out.push({ file, what: 'RegExp(…)' });
  });
  return out;
}

/** The source without its comments (the parser's comment spans blanked out). */
function codeOf(file: string): string {
  const text = readFileSync(file, 'utf8');
  const { comments } = parseModule(file, text);
  let out = text;
  for (const c of comments) out = out.slice(0, c.start) + ' '.repeat(c.end - c.start) + out.slice(c.end);
  return out;
}

const SRC = join(REPO, 'src');
const EPUB = join(SRC, 'render', 'epub');

describe('no placeholder characters in src/', () => {
  const files = filesUnder(SRC, '.ts');

  it('scans every module of src/', () => {
    expect(files.length).toBeGreaterThan(100);
  });

  it('has neither U+FDD0 nor U+FDD1 as a character anywhere', () => {
    const hits = files.filter((f) => /[\ufdd0\ufdd1]/u.test(readFileSync(f, 'utf8'))).map((f) => relative(REPO, f));
    expect(hits).toEqual([]);
  });

  it("finds nothing with the issue's grep (FDD0 or FDD1, case-sensitive, comments included)", () => {
    const hits = files.filter((f) => /FDD[01]/u.test(readFileSync(f, 'utf8'))).map((f) => relative(REPO, f));
    expect(hits).toEqual([]);
  });

  it('names U+FDD0 in code only as the start of the forbidden range U+FDD0–U+FDEF, and U+FDD1 never', () => {
    const allowed = [/\\ufdd0-\\ufdef/giu, /0xfdd0 && cp <= 0xfdef/giu];
    const hits: string[] = [];
    let ranges = 0;
    for (const file of files) {
      let code = codeOf(file);
      for (const a of allowed) code = code.replace(a, () => { ranges++; return '<range>'; });
      for (const m of code.matchAll(/fdd[01]/giu)) hits.push(`${relative(REPO, file)}: …${code.slice(Math.max(0, m.index - 30), m.index + 20)}…`);
    }
    expect(hits).toEqual([]);
    // The two places that keep the range out: the readers' rule and the XMP writer's.
    expect(ranges).toBe(2);
  });
});

describe('no regular expression over markup in src/render/epub/', () => {
  const files = filesUnder(EPUB, '.ts');
  const regexes = files.flatMap(regexesOf);

  it('finds the modules and their regexes (the scan is not blind)', () => {
    expect(files.map((f) => relative(EPUB, f)).sort()).toEqual(expect.arrayContaining(['chapters.ts', 'index.ts', 'navigation.ts', 'package-metadata.ts', 'page-list.ts', 'zip.ts']));
    expect(regexes.map((r) => r.what)).toContain('^h([1-6])$');
  });

  it('has no regex whose pattern could match a tag (< or >), and builds none at run time', () => {
    const offending = regexes.filter((r) => r.what === 'RegExp(…)' || /[<>]/u.test(r.what)).map((r) => `${relative(REPO, r.file)}: /${r.what}/`);
    expect(offending).toEqual([]);
  });

  it('would notice one', () => {
    const probe = join(REPO, 'test', 'render', 'epub', 'source-rules.test.ts');
    // This file has one (in the rule above): the scan reports it.
    expect(regexesOf(probe).some((r) => /[<>]/u.test(r.what))).toBe(true);
  });
});
