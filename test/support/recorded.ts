/**
 * Tool outputs recorded from the real tools on the violating fixtures (`test/fixtures/check/`):
 * the finding mappings are tested on them without starting a browser or a JVM.
 *   axe-broken-dark.json      axe 4.14.1 on test/fixtures/html/broken.html, dark colour scheme (violations only)
 *   pa11y-broken.json         pa11y 9.1.1 / HTMLCS on the same page, warnings included
 *   epubcheck-*.json          EPUBCheck 4.2.6 `--json` on fixture EPUBs (broken-epubcheck, warning-epubcheck, a non-zip)
 *   ace-broken-img.json       Ace 1.4.6 on the broken-ace-img fixture EPUB (assertions only)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const RECORDED = join(import.meta.dirname, '..', 'fixtures', 'check');

export function recorded<T>(name: string): T {
  return JSON.parse(readFileSync(join(RECORDED, name), 'utf8')) as T;
}
