/**
 * The vocabulary of Dutch government letters, whatever file they come from: salutations, closings,
 * the Datum/Betreft labels, reference-field labels, Q&A labels. In one place so new variants are one
 * edit, and every reader recognises the same words.
 */
import type { FieldKind } from '../../model/ast.js';


export const SALUTATION = /^(?:Geachte|Zeer\s+geachte|Hooggeachte|Beste|Excellentie|L\.S\.|Dames\s+en\s+heren)\b/iu;

/** Closings that end the letter text before the signature. */
export const CLOSING = /^(?:Hoogachtend|Met\s+(?:de\s+meeste\s+)?(?:vriendelijke\s+)?(?:groet(?:en)?|hoogachting)|Met\s+vriendelijke\s+groet(?:en)?|Vriendelijke\s+groet(?:en)?|Namens\s+deze)\b.*$/iu;


export const RETURN_ADDRESS = /^\s*>?\s*Retouradres\b/iu;

/** The line that holds the `Datum`/`Betreft` label: a whole word (`Betreffende …` is text). */
export const DATE_LINE = /^Datum\b/iu;
export const SUBJECT_LINE = /^Betreft\b/iu;

/** `Datum`/`Betreft` label alone or followed by its value on the same line. */
export const DATE_LABEL = /^Datum(?:\s*[:\t]\s*|\s+(?=\d))?(.*)$/iu;
export const SUBJECT_LABEL = /^Betreft(?:\s*[:\t]\s*|\s+)?(.*)$/iu;


const NUMBERS = String.raw`(\d+(?:\s*(?:,|en|&|t\/m|tot\s+en\s+met|-|–)\s*\d+)*)`;
export const QUESTION_LABEL = new RegExp(String.raw`^(?:Vraag|Vragen)\s+${NUMBERS}\s*:?$`, 'iu');
export const ANSWER_LABEL = new RegExp(
  String.raw`^(?:Antwoord(?:en)?)(?:\s+op)?(?:\s+(?:de\s+)?vra(?:ag|gen))?(?:\s+${NUMBERS})?\s*:?$`, 'iu');

/** `7 en 8` → [7, 8]; `2 t/m 4` → [2, 3, 4]. */
export function labelNumbers(spec: string | undefined): number[] {
  if (!spec) return [];
  const out: number[] = [];
  const parts = spec.split(/\s*(,|en|&|t\/m|tot\s+en\s+met|-|–)\s*/iu);
  let rangeFrom: number | undefined;
  for (const part of parts) {
    if (/^\d+$/u.test(part)) {
      const n = Number(part);
      if (rangeFrom !== undefined && n > rangeFrom && n - rangeFrom < 100) {
        for (let k = rangeFrom + 1; k <= n; k++) out.push(k);
      } else out.push(n);
      rangeFrom = undefined;
    } else if (/^(t\/m|tot\s+en\s+met|-|–)$/iu.test(part)) {
      rangeFrom = out.at(-1);
    }
  }
  return out;
}

const FIELD_LABELS: ReadonlyArray<[RegExp, FieldKind]> = [
  [/^(?:Onze\s+referentie|Ons\s+kenmerk|Kenmerk|Onze\s+ref\.?|Ons\s+nummer|Referentie|Zaaknummer|Documentnummer)$/iu, 'ourReference'],
  [/^(?:Uw\s+referentie|Uw\s+kenmerk|Uw\s+brief(?:\s+van)?|Uw\s+ref\.?)$/iu, 'yourReference'],
  [/^(?:Bijlage\(n\)|Bijlagen?|Aantal\s+bijlagen)$/iu, 'attachments'],
  [/^(?:Contactpersoon|Contactpersonen|Contact|Inlichtingen(?:\s+bij)?|Behandeld\s+door|Behandelaar)$/iu, 'contact'],
  [/^(?:Kopie\s+aan|Afschrift\s+aan|Cc)$/iu, 'copyTo'],
  [/^(?:Doorkiesnummer|Telefoon|T|E-?mail|Datum\s+ontvangst|Ons\s+dossier|Projectnaam|Bijlage\s+bij|Verzonden|Rubriek)$/iu, 'other'],
];

/** The kind of a known field label (`Onze referentie:` → ourReference), or undefined. */
export function knownFieldKind(label: string): FieldKind | undefined {
  // `Uw brief (kenmerk)`, `Bijlage(n):` — a parenthetical or a colon does not change the kind.
  const bare = label.trim().replace(/\s*:$/u, '').replace(/\s*\([^)]*\)$/u, '');
  const known = FIELD_LABELS.find(([re]) => re.test(bare))?.[1];
  if (known) return known;
  // `Dossiernummer`, `Projectcode`, `Zaakreferentie`: a one- or two-word label naming an identifier.
  return /^\p{Lu}[\p{L}-]*(?:\s+[\p{L}-]+)?(?:nummer|kenmerk|referentie|code)$/u.test(bare) ? 'other' : undefined;
}

/** A line that belongs to an address block: street numbers, postcodes, Postbus, web, phone, e-mail. */
export function looksLikeAddress(line: string): boolean {
  return /\d/u.test(line) || /^(?:Postbus|www\.|https?:|[TFEM]\s|Tel|Fax|Nederland$|The\s+Netherlands$)/iu.test(line) || /@/u.test(line);
}

/** A short line that can be an unknown ministry's field label (`Ons dossier`, `Behandelaar`). */
export function looksLikeLabel(line: string): boolean {
  const bare = line.trim().replace(/\s*:$/u, '');
  return bare.length > 0 && bare.length <= 40 && bare.split(/\s+/u).length <= 5 && !looksLikeAddress(bare) && !/[.,;!?]$/u.test(bare) && /^\p{Lu}/u.test(bare);
}

