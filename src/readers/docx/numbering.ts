/**
 * Word's list numbering (`word/numbering.xml`): for a paragraph's numbering instance and level,
 * the marker Word shows (`1.`, `b)`, `•`), counted the way Word counts. A numbering instance
 * (`w:num`) points at a definition (`w:abstractNum`) with up to nine levels, each with a format
 * (`decimal`, `lowerLetter` …), a text (`%1.`, `%1.%2`) and a start value; instances of one
 * definition continue each other's count unless one restarts it (`w:startOverride`).
 */
import dingbats from 'dingbat-to-unicode';
import type { ListStyle } from '../../model/ast.js';
import type { ListMembership } from '../shared/letter/source-line.js';
import { child, children, path, type XmlElement } from './xml.js';

interface Level {
  format: string;
  text: string;
  start: number;
  /** The font of the marker: a bullet in Symbol or Wingdings is a private-use character in the file. */
  font?: string;
}

interface Definition { id: string; levels: Map<number, Level> }
interface Instance { definition: string; levels: Map<number, Partial<Level>>; restart: Map<number, number> }

const STYLE: Record<string, ListStyle> = {
  decimal: 'decimal', decimalZero: 'decimal', lowerLetter: 'lower-alpha', upperLetter: 'upper-alpha', lowerRoman: 'lower-roman',
};

function roman(n: number): string {
  const table: Array<[number, string]> = [[1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'], [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i']];
  let out = '';
  let rest = n;
  for (const [v, s] of table) while (rest >= v) { out += s; rest -= v; }
  return out;
}

function letters(n: number): string {
  // Word repeats the letter past z: a … z, aa … zz.
  const letter = String.fromCharCode(97 + ((n - 1) % 26));
  return letter.repeat(Math.floor((n - 1) / 26) + 1);
}

/** A number in one of Word's formats, as Word shows it. */
export function formatNumber(n: number, format: string): string {
  switch (format) {
    case 'lowerLetter': return letters(n);
    case 'upperLetter': return letters(n).toUpperCase();
    case 'lowerRoman': return roman(n);
    case 'upperRoman': return roman(n).toUpperCase();
    case 'decimalZero': return n < 10 ? `0${n}` : String(n);
    case 'none': return '';
    default: return String(n);
  }
}

function readLevel(l: XmlElement): Partial<Level> {
  const format = path(l, 'w:numFmt')?.attrs['w:val'];
  const text = path(l, 'w:lvlText')?.attrs['w:val'];
  const start = path(l, 'w:start')?.attrs['w:val'];
  const font = path(l, 'w:rPr', 'w:rFonts')?.attrs['w:ascii'];
  return {
    ...(format !== undefined ? { format } : {}),
    ...(text !== undefined ? { text } : {}),
    ...(start !== undefined && /^-?\d+$/u.test(start) ? { start: Number(start) } : {}),
    ...(font !== undefined ? { font } : {}),
  };
}

/** A bullet as Unicode: Symbol's and Wingdings' private-use code points mapped to their glyphs. */
function bulletText(level: Level): string {
  const out = [...level.text].map((ch) => {
    const cp = ch.codePointAt(0)!;
    if (!level.font || cp < 0xf000 || cp > 0xf0ff) return ch;
    return dingbats.codePoint(level.font, cp - 0xf000)?.string ?? '•';
  }).join('').trim();
  return out === '' ? '•' : out;
}

export class Numbering {
  private readonly definitions = new Map<string, Definition>();
  private readonly instances = new Map<string, Instance>();
  /** Counters per definition and level; instances that restart get their own. */
  private readonly counters = new Map<string, number[]>();
  private readonly restarted = new Set<string>();
  /** Formats the model cannot express, reported once. */
  readonly approximated = new Set<string>();

  constructor(root: XmlElement | undefined) {
    for (const a of children(root, 'w:abstractNum')) {
      const levels = new Map<number, Level>();
      for (const l of children(a, 'w:lvl')) {
        const r = readLevel(l);
        levels.set(Number(l.attrs['w:ilvl'] ?? '0') || 0, { format: r.format ?? 'decimal', text: r.text ?? '', start: r.start ?? 1, ...(r.font ? { font: r.font } : {}) });
      }
      this.definitions.set(a.attrs['w:abstractNumId'] ?? '', { id: a.attrs['w:abstractNumId'] ?? '', levels });
    }
    for (const n of children(root, 'w:num')) {
      const levels = new Map<number, Partial<Level>>();
      const restart = new Map<number, number>();
      for (const o of children(n, 'w:lvlOverride')) {
        const ilvl = Number(o.attrs['w:ilvl'] ?? '0') || 0;
        const start = path(o, 'w:startOverride')?.attrs['w:val'];
        if (start !== undefined && /^\d+$/u.test(start)) restart.set(ilvl, Number(start));
        const lvl = child(o, 'w:lvl');
        if (lvl) levels.set(ilvl, readLevel(lvl));
      }
      this.instances.set(n.attrs['w:numId'] ?? '', { definition: path(n, 'w:abstractNumId')?.attrs['w:val'] ?? '', levels, restart });
    }
  }

  private level(numId: string, ilvl: number): Level | undefined {
    const inst = this.instances.get(numId);
    const base = inst ? this.definitions.get(inst.definition)?.levels.get(ilvl) : undefined;
    const over = inst?.levels.get(ilvl);
    if (!base && !over) return undefined;
    return { format: over?.format ?? base?.format ?? 'decimal', text: over?.text ?? base?.text ?? '', start: over?.start ?? base?.start ?? 1, ...((over?.font ?? base?.font) ? { font: (over?.font ?? base?.font)! } : {}) };
  }

  /**
   * The next item of list instance `numId` at level `ilvl`, in document order; undefined when the
   * instance does not exist or shows no marker (`numId` 0 switches numbering off).
   */
  next(numId: string, ilvl: number): ListMembership | undefined {
    if (numId === '0') return undefined;
    const inst = this.instances.get(numId);
    const level = this.level(numId, ilvl);
    if (!inst || !level || level.format === 'none') return undefined;
    // Instances of one definition share the count, unless the instance restarts it.
    const key = inst.restart.size > 0 ? `num:${numId}` : `def:${inst.definition}`;
    let counts = this.counters.get(key);
    if (!counts || (inst.restart.size > 0 && !this.restarted.has(numId))) {
      counts = [];
      this.counters.set(key, counts);
      this.restarted.add(numId);
    }
    const startOf = (l: number): number => inst.restart.get(l) ?? this.level(numId, l)?.start ?? 1;
    counts[ilvl] = counts[ilvl] === undefined ? startOf(ilvl) : counts[ilvl]! + 1;
    // A level restarts whenever a level above it is counted.
    counts.length = ilvl + 1;
    const value = counts[ilvl]!;
    if (level.format === 'bullet') {
      return { key: numId, level: ilvl, ordered: false, style: 'bullet', suffix: '', marker: bulletText(level), value: 1 };
    }
    const marker = level.text.replace(/%([1-9])/gu, (_, d: string) => {
      const l = Number(d) - 1;
      const f = this.level(numId, l)?.format ?? 'decimal';
      return formatNumber(counts![l] ?? startOf(l), f);
    }).trim();
    const style = STYLE[level.format];
    if (!style) this.approximated.add(level.format);
    const suffix = marker.endsWith(')') ? ')' : marker.endsWith('.') ? '.' : '';
    return { key: numId, level: ilvl, ordered: true, style: style ?? 'decimal', suffix, marker: marker || formatNumber(value, level.format), value };
  }
}
