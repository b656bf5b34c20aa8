// @ts-check
/**
 * A deliberately simple plain-text letter → pandoc Markdown conversion, so the peers of the
 * benchmark (pandoc, WeasyPrint) get the same letter as rijkspers: title/date/author from the
 * letterhead as YAML metadata, every line from the salutation on as a paragraph, `Vraag N` /
 * `Antwoord …` as headings, list lines as lists, Word footnotes as pandoc inline notes `^[…]`,
 * source references `[N]` as pandoc footnotes `[^srcN]`. Not a second parser: good enough for a
 * fair amount of text and notes, nothing more.
 *
 *   node bench/to-markdown.mjs input/000_4c8a1616a76a7555.txt > reference.md
 */

const FOOTNOTE_TEXT = /\[(\d+):\s\s(.*?)\]\s*(?=\[\d+:\s\s|$)/gu;
const FOOTNOTE_REF = /\[footnoteRef:\s*(\d+)\s*\]/gu;
const SOURCE_DEF = /^\[(\d{1,3})\][ \t\u00a0]+(\S.*)$/u;
const LIST_ITEM = /^\s*(?:[-•–*]|\d+[.)]|[a-z][.)])[ \t]+/u;
const QA_LABEL = /^(?:Vra(?:ag|gen)\s+\d|Antwoord)/iu;

/** Escapes what Markdown would read as markup; keeps the characters themselves. @param {string} s */
const escape = (s) => s.replace(/([\\*_`<>#[\]^~|])/gu, '\\$1');

/** @param {string} s */
const yamlString = (s) => JSON.stringify(s);

/**
 * @param {string} text the letter as read from disk (BOM and CRLF allowed)
 * @returns {string} pandoc Markdown
 */
export function letterToMarkdown(text) {
  const lines = text.replace(/^\ufeff/u, '').split(/\r?\n/u);
  const at = (/** @type {RegExp} */ re) => lines.findIndex((l) => re.test(l.trim()));
  const subjectAt = at(/^Betreft$/u);
  const dateAt = at(/^Datum$/u);
  const title = subjectAt >= 0 ? (lines[subjectAt + 1] ?? '').trim() : 'Brief';
  const date = dateAt >= 0 ? (lines[dateAt + 1] ?? '').trim() : '';
  const author = lines.find((l) => /^Ministerie van\b/u.test(l.trim()))?.trim() ?? '';
  const start = Math.max(0, at(/^(?:Geachte|Zeer geachte|Beste)\b/u));

  /** @type {Map<string, string>} */
  const sources = new Map();
  const body = lines.slice(start).filter((l) => {
    const m = SOURCE_DEF.exec(l.trim());
    if (m && !QA_LABEL.test(l.trim())) { sources.set(m[1] ?? '', m[2] ?? ''); return false; }
    return true;
  });

  /** @param {string} line */
  const inline = (line) => {
    /** @type {Map<string, string>} */
    const notes = new Map();
    const running = line.replace(FOOTNOTE_TEXT, (_m, n, t) => { notes.set(n, t.trim()); return ''; }).trimEnd();
    // Escape the running text piece by piece around the note calls.
    const out = [];
    let last = 0;
    for (const m of running.matchAll(new RegExp(`${FOOTNOTE_REF.source}|\\[(\\d{1,3})\\]`, 'gu'))) {
      out.push(escape(running.slice(last, m.index)));
      if (m[1] !== undefined) out.push(notes.has(m[1]) ? `^[${escape(notes.get(m[1]) ?? '')}]` : escape(m[0]));
      else out.push(sources.has(m[2] ?? '') ? `[^src${m[2]}]` : escape(m[0]));
      last = (m.index ?? 0) + m[0].length;
    }
    out.push(escape(running.slice(last)));
    return out.join('');
  };

  const out = ['---', `title: ${yamlString(title)}`, `lang: nl`, `author: ${yamlString(author)}`];
  if (date) out.push(`date: ${yamlString(date)}`);
  out.push('---', '');
  let inList = false;
  let annex = false;
  for (const raw of body) {
    const line = raw.trim();
    if (line === '') { if (inList) out.push(''); inList = false; continue; }
    if (LIST_ITEM.test(raw)) {
      const marker = /^\s*\d+[.)]/u.test(raw) ? '1.' : '-';
      if (!inList) out.push('');
      out.push(`${marker} ${inline(raw.replace(LIST_ITEM, ''))}`);
      inList = true;
      continue;
    }
    if (inList) out.push('');
    inList = false;
    if (!annex && /^Antwoorden\b/u.test(line)) { annex = true; out.push(`## ${inline(line)}`, ''); continue; }
    if (annex && QA_LABEL.test(line) && line.length < 40) { out.push(`### ${escape(line)}`, ''); continue; }
    out.push(inline(line), '');
  }
  if (sources.size) {
    out.push('');
    for (const [n, t] of sources) out.push(`[^src${n}]: ${escape(t)}`);
  }
  return `${out.join('\n').replace(/\n{3,}/gu, '\n\n')}\n`;
}

if (process.argv[1] !== undefined && import.meta.url === (await import('node:url')).pathToFileURL(process.argv[1]).href) {
  const { readFileSync } = await import('node:fs');
  const file = process.argv[2];
  if (!file) { process.stderr.write('usage: node bench/to-markdown.mjs LETTER.txt > letter.md\n'); process.exit(2); }
  process.stdout.write(letterToMarkdown(readFileSync(file, 'utf8')));
}
