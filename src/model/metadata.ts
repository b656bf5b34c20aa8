/** Publication metadata derived from a letter: the same values go into PDF, EPUB and HTML. */
import type { Letter, LetterMetadata } from './ast.js';

/** 1980-01-01, the earliest date a zip file can hold: used only when nothing better is known. */
const FALLBACK_ISO = '1980-01-01';

/**
 * The date every embedded timestamp uses: the letter's own date; else SOURCE_DATE_EPOCH; else a
 * fixed date. Never the clock: the same input must give byte-identical files.
 */
export function publicationDate(letter: Letter, env: NodeJS.ProcessEnv = process.env): string {
  if (letter.date.iso) return letter.date.iso;
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/u.test(epoch)) return new Date(Number(epoch) * 1000).toISOString().slice(0, 10);
  return FALLBACK_ISO;
}

export function letterMetadata(letter: Letter, env: NodeJS.ProcessEnv = process.env): LetterMetadata {
  const ours = letter.fields.find((f) => f.kind === 'ourReference');
  const title = letter.subject.text;
  const author = letter.sender.organisation.text;
  const to = letter.addressee.slice(0, 2).map((l) => l.text.trim()).join(' ').replace(/^Aan\s+/iu, '');
  const parts = [`Brief van ${lowerFirst(author)}${to ? ` aan ${to}` : ''}`];
  if (letter.date.text) parts.push(`van ${letter.date.text}`);
  let description = `${parts.join(' ')}: ${title}.`.replace(/\.\.$/u, '.').replace(/\s+/gu, ' ');
  if (letter.annex) description += ` Met de antwoorden op ${letter.annex.parts.filter((p) => p.type === 'question').length} vragen.`;
  return {
    title,
    author,
    lang: letter.lang,
    isoDate: publicationDate(letter, env),
    dateText: letter.date.text,
    ...(ours?.values[0] ? { ourReference: ours.values[0].text } : {}),
    description,
  };
}

function lowerFirst(s: string): string {
  return /^Ministerie\b/u.test(s) ? `het m${s.slice(1)}` : s;
}
