/** The fixtures' machine-readable expectations (test/fixtures/docx/manifest.json), typed as far as the tests use them. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const FIXTURES = 'test/fixtures/docx';

export interface LetterheadExpectation {
  addressee: string[];
  date: string;
  dateIso: string;
  subject: string;
  organisation: string;
  senderAddress: string[];
  fields: Array<{ label: string; values: string[] }>;
}

export interface TableExpectation {
  caption?: string;
  rows: number;
  columns: number;
  headerRows: number;
  cells?: string[][];
  cellsPerRow?: string[][];
  merges?: Array<{ row: number; col: number; text: string; colspan: number; rowspan: number }>;
}

export interface ListExpectation {
  ordered: boolean;
  kind: string;
  items: Array<{ text: string; children?: { kind: string; items: Array<{ text: string }> } }>;
  lvlText: string[];
}

export interface BodyEntry {
  type: 'paragraph' | 'table';
  text?: string;
  style?: string;
  images?: Array<{ descr: string | null; decorative: boolean }>;
}

export interface FixtureExpectation {
  letterhead?: LetterheadExpectation;
  salutation?: string;
  signatory?: { functionLines: string[]; name: string };
  annex?: { title: string; questionLabels: string[]; answerLabels: string[] } | null;
  footnotes?: Array<{ number: number; text: string }>;
  endnotes?: Array<{ number: number; text: string }>;
  sourceNotes?: Array<{ number: number; text: string }>;
  headings?: Array<{ level: number; text: string }>;
  lists?: ListExpectation[];
  tables?: TableExpectation[];
  images?: Array<{ where: string; descr: string | null; decorative: boolean; caption?: string }>;
  bold?: string[];
  italic?: string[];
  hyperlinks?: Array<{ text: string; href: string }>;
  lineBreaks?: Array<{ paragraph: string }>;
  headers?: Array<{ paragraphs: string[] }>;
  body: BodyEntry[];
}

export interface BadExpectation {
  file: string;
  problem: string;
  part?: string;
  paragraph?: number;
  entries?: number;
}

interface Manifest {
  fixtures: Record<string, FixtureExpectation>;
  bad: BadExpectation[];
}

export const manifest = JSON.parse(readFileSync(join(FIXTURES, 'manifest.json'), 'utf8')) as Manifest;

export function fixture(name: string): { path: string; expect: FixtureExpectation } {
  const expect = manifest.fixtures[name];
  if (!expect) throw new Error(`no fixture ${name} in the manifest`);
  return { path: join(FIXTURES, name), expect };
}

/** The 1-based body paragraph (manifest `body` index + 1) of the first entry matching `test`. */
export function bodyParagraph(expect: FixtureExpectation, test: (entry: BodyEntry) => boolean): number {
  return expect.body.findIndex(test) + 1;
}
