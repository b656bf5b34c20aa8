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

/**
 * Wording from the house style (`theme.t`): the model builds no sentences of its own, so another
 * theme can word the description differently.
 */
export type Phrase = (key: 'description' | 'descriptionAnswers', values: Record<string, string | number>) => string;

export interface ClaimOptions {
  checked: boolean;
  certifier?: string;
  manualReview?: boolean;
}

export function letterMetadata(letter: Letter, phrase: Phrase, claim: ClaimOptions = { checked: true }, env: NodeJS.ProcessEnv = process.env): LetterMetadata {
  const ours = letter.fields.find((f) => f.kind === 'ourReference');
  const title = letter.subject.text;
  const author = letter.sender.organisation.text;
  const addressee = letter.addressee.slice(0, 2).map((l) => l.text.trim()).join(' ').replace(/^Aan\s+/iu, '');
  let description = phrase('description', { author, addressee, date: letter.date.text, title });
  if (letter.annex) description += ` ${phrase('descriptionAnswers', { count: letter.annex.parts.filter((p) => p.type === 'question').length })}`;
  return {
    title,
    author,
    lang: letter.lang,
    isoDate: publicationDate(letter, env),
    dateText: letter.date.text,
    ...(ours?.values[0] ? { ourReference: ours.values[0].text } : {}),
    // An empty date or addressee must not leave ", ." or double spaces behind (no-break spaces stay).
    description: description.replace(/ +,/gu, ',').replace(/, *\./gu, '.').replace(/\.\.+/gu, '.').replace(/ {2,}/gu, ' ').trim(),
    accessibility: { certifier: claim.certifier?.trim() || author, checked: claim.checked, manualReview: claim.manualReview ?? false },
  };
}
