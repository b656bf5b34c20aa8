/**
 * The profiles our PDF checker knows, each one array of rule objects, and which of them a file
 * gets when nobody says. PDF/UA-1 always: rijkspers is an accessibility tool and any PDF can be
 * judged by it. PDF/A-2 only when the file claims it (XMP `pdfaid:part` 2), at the level it claims
 * (`pdfaid:conformance` A, U or B; B when it names none or another): a file that does not claim
 * PDF/A is not failed for lacking it. A build passes its profiles explicitly (`checkPdf(file,
 * { profiles })`), and `rijkspers check --profiles` lets a user ask for any of them.
 */
import type { PdfaLevel, PdfRule } from './pdf-rule.js';
import { pdfa2Rules } from './rules/pdfa/index.js';
import { PDFUA1_RULES } from './rules/pdfua/index.js';
import type { XmpFacts } from './xmp.js';

export type PdfProfile = 'pdfua1' | 'pdfa2b' | 'pdfa2u' | 'pdfa2a';

export interface ProfileInfo {
  id: PdfProfile;
  /** `PDF/UA-1 (ISO 14289-1)`, for help texts and documentation. */
  title: string;
  rules: readonly PdfRule[];
  /** veraPDF's `--flavour` for the same profile. */
  verapdfFlavour: string;
  pdfaLevel?: PdfaLevel;
}

export const PROFILES: Readonly<Record<PdfProfile, ProfileInfo>> = {
  pdfua1: { id: 'pdfua1', title: 'PDF/UA-1 (ISO 14289-1)', rules: PDFUA1_RULES, verapdfFlavour: 'ua1' },
  pdfa2b: { id: 'pdfa2b', title: 'PDF/A-2b (ISO 19005-2, level B)', rules: pdfa2Rules('b'), verapdfFlavour: '2b', pdfaLevel: 'b' },
  pdfa2u: { id: 'pdfa2u', title: 'PDF/A-2u (ISO 19005-2, level U)', rules: pdfa2Rules('u'), verapdfFlavour: '2u', pdfaLevel: 'u' },
  pdfa2a: { id: 'pdfa2a', title: 'PDF/A-2a (ISO 19005-2, level A)', rules: pdfa2Rules('a'), verapdfFlavour: '2a', pdfaLevel: 'a' },
};

export const PDF_PROFILES: readonly PdfProfile[] = Object.keys(PROFILES) as PdfProfile[];

export function isPdfProfile(value: string): value is PdfProfile {
  return (PDF_PROFILES as readonly string[]).includes(value);
}

/** `pdfua1,pdfa2a` → the profiles; an unknown name is a usage error that names the known ones. */
export function parsePdfProfiles(text: string): PdfProfile[] {
  const names = text.split(',').map((s) => s.trim().toLowerCase()).filter((s) => s !== '');
  const unknown = names.filter((n) => !isPdfProfile(n));
  if (unknown.length > 0) throw new Error(`unknown PDF profile ${unknown.map((u) => `"${u}"`).join(', ')}; known: ${PDF_PROFILES.join(', ')}`);
  if (names.length === 0) throw new Error(`no PDF profile named; known: ${PDF_PROFILES.join(', ')}`);
  return [...new Set(names as PdfProfile[])];
}

/** The profiles a file gets by default: PDF/UA-1, plus PDF/A-2 at the level its XMP claims. */
export function defaultProfiles(xmp: XmpFacts | undefined): PdfProfile[] {
  // A malformed packet still names its claim in plain text (see XmpFacts.pdfaPart).
  if (!xmp || xmp.pdfaPart !== '2') return ['pdfua1'];
  const level = xmp.pdfaConformance?.toUpperCase();
  return ['pdfua1', level === 'A' ? 'pdfa2a' : level === 'U' ? 'pdfa2u' : 'pdfa2b'];
}
