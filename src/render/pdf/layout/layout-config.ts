/**
 * The PDF layout numbers of a house style (`pdf.json`, merged along its chain), read once and converted
 * to points so the layout code never converts units or names a millimetre itself.
 */
import type { Theme } from '../../theme.js';

export type FontRole = 'regular' | 'italic' | 'semibold' | 'bold' | 'boldItalic';

const MM = 72 / 25.4;

/** A text style of the layout: face, size and line height in points, colour as `#rrggbb`. */
export interface TextSpec {
  font: FontRole;
  size: number;
  leading: number;
  color: string;
}

export interface HeadingSpec extends TextSpec {
  spaceBefore: number;
  spaceAfter: number;
}

export interface PdfLayout {
  pageWidth: number;
  pageHeight: number;
  colors: { text: string; label: string; muted: string; link: string; band: string; rule: string };
  band: { x: number; width: number; height: number };
  wordmark: TextSpec & { x: number; firstBaseline: number; maxWidth: number };
  body: TextSpec & {
    left: number;
    width: number;
    top: number;
    /** Lowest y (from the top) any body or footnote text may reach. */
    bottom: number;
    paragraphGap: number;
    orphans: number;
    widows: number;
  };
  letterhead: {
    returnAddress: TextSpec & { top: number };
    addressee: TextSpec & { top: number };
    dateSubject: {
      minTop: number;
      gapAfterAddressee: number;
      labelWidth: number;
      label: TextSpec;
      value: TextSpec;
      subject: TextSpec;
      rowGap: number;
    };
    gapAfterSubject: number;
  };
  referenceColumn: {
    /**
     * `beside`: a column right of the body from `firstPageTop` (the Kamerbrief grid). `above-body`:
     * one column: sender and fields follow Betreft, and the body starts under them (large print).
     */
    placement: 'beside' | 'above-body';
    /** Pages 2+: `full` repeats organisation, date and our reference; `compact` the organisation only. */
    runningBlock: 'full' | 'compact';
    left: number;
    width: number;
    firstPageTop: number;
    nextPagesTop: number;
    text: TextSpec;
    organisation: TextSpec;
    label: TextSpec;
    groupGap: number;
  };
  headings: Record<'h2' | 'h3' | 'h4', HeadingSpec>;
  annex: { title: TextSpec; gapAfterTitle: number; label: TextSpec; partGap: number };
  list: { indent: number; gapBefore: number; itemGap: number };
  /** Tables: cell text, padding, rules; the header cells in `headerFont`; the caption above. */
  table: { text: TextSpec; headerFont: FontRole; caption: TextSpec; padding: number; ruleWidth: number; gapBefore: number; ruleColor: string };
  /** Pictures: at most this share of the text area's height; caption under them. */
  figure: { maxHeightRatio: number; caption: TextSpec; gapAfterPicture: number };
  image: { text: TextSpec; padding: number; ruleWidth: number };
  noteCall: { sizeRatio: number; riseRatio: number };
  footnotes: TextSpec & {
    labelWidth: number;
    ruleWidth: number;
    ruleThickness: number;
    gapAboveRule: number;
    gapBelowRule: number;
    noteGap: number;
  };
  signature: { gapBefore: number; signatureSpace: number };
  /** `Pagina X van Y`: under the reference column's block, or at the foot of the page. */
  pageNumber: { placement: 'under-reference' | 'foot'; gapBefore: number; font: FontRole; /** Baseline above the page's bottom edge (`foot`). */ bottom: number };
  links: { underline: boolean; underlineThickness: number; underlineOffset: number };
}

type Json = Record<string, unknown>;

/** Reads `pdf.json` values with a clear error naming the missing or mistyped key. */
class Reader {
  constructor(
    private readonly file: string,
    private readonly data: Json,
    private readonly path: string = '',
  ) {}

  private raw(key: string): unknown {
    const value = this.data[key];
    if (value === undefined) throw new Error(`${this.file}: missing "${this.path}${key}"`);
    return value;
  }

  has(key: string): boolean {
    return this.data[key] !== undefined;
  }

  /** One of `options`; `fallback` when the key is absent (a setting most styles leave alone). */
  choice<T extends string>(key: string, options: readonly T[], fallback: T): T {
    if (!this.has(key)) return fallback;
    const value = this.str(key);
    if (!(options as readonly string[]).includes(value)) throw new Error(`${this.file}: "${this.path}${key}" must be one of ${options.join(', ')}`);
    return value as T;
  }

  at(key: string): Reader {
    const value = this.raw(key);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new Error(`${this.file}: "${this.path}${key}" must be an object`);
    }
    return new Reader(this.file, value as Json, `${this.path}${key}.`);
  }

  num(key: string): number {
    const value = this.raw(key);
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new Error(`${this.file}: "${this.path}${key}" must be a number`);
    }
    return value;
  }

  mm(key: string): number {
    return this.num(key) * MM;
  }

  str(key: string): string {
    const value = this.raw(key);
    if (typeof value !== 'string') throw new Error(`${this.file}: "${this.path}${key}" must be a string`);
    return value;
  }

  bool(key: string): boolean {
    const value = this.raw(key);
    if (typeof value !== 'boolean') throw new Error(`${this.file}: "${this.path}${key}" must be true or false`);
    return value;
  }

  font(key: string): FontRole {
    const value = this.str(key);
    if (value !== 'regular' && value !== 'italic' && value !== 'semibold' && value !== 'bold' && value !== 'boldItalic') {
      throw new Error(`${this.file}: "${this.path}${key}" must be regular, italic, semibold, bold or boldItalic`);
    }
    return value;
  }

}

const cache = new Map<string, PdfLayout>();

/** The layout of a house style (pdf.json merged along its chain), read once per process. */
export function loadPdfLayout(theme: Theme): PdfLayout {
  const cached = cache.get(theme.name);
  if (cached) return cached;
  const root = new Reader(`${theme.name}: pdf.json`, theme.json('pdf.json') as Json);
  const layout = readLayout(root, theme);
  cache.set(theme.name, layout);
  return layout;
}

function readLayout(root: Reader, theme: Theme): PdfLayout {
  const colorOf = (key: string): string => {
    const value = (theme.data.colors as Record<string, string | undefined>)[key];
    if (!value || !/^#[0-9a-f]{6}$/iu.test(value)) {
      throw new Error(`${theme.name}: pdf.json names colour "${key}", which theme.json does not define as #rrggbb`);
    }
    return value;
  };
  const c = root.at('colors');
  const colors = {
    text: colorOf(c.str('text')),
    label: colorOf(c.str('label')),
    muted: colorOf(c.str('muted')),
    link: colorOf(c.str('link')),
    band: colorOf(c.str('band')),
    rule: colorOf(c.str('rule')),
  };
  const spec = (r: Reader, font: string = 'font', color: string = colors.text): TextSpec => ({
    font: r.font(font),
    size: r.num('sizePt'),
    leading: r.num('leadingPt'),
    color,
  });
  const page = root.at('page');
  const pageHeight = page.mm('heightMm');

  const band = root.at('band');
  const wm = root.at('wordmark');
  const body = root.at('body');
  const lh = root.at('letterhead');
  const ra = lh.at('returnAddress');
  const ad = lh.at('addressee');
  const ds = lh.at('dateSubject');
  const rc = root.at('referenceColumn');
  const h = root.at('headings');
  const heading = (key: string): HeadingSpec => {
    const r = h.at(key);
    return { ...spec(r), spaceBefore: r.num('spaceBeforePt'), spaceAfter: r.num('spaceAfterPt') };
  };
  const ax = root.at('annex');
  const list = root.at('list');
  const img = root.at('image');
  const tb = root.at('table');
  const fg = root.at('figure');
  const call = root.at('noteCall');
  const fn = root.at('footnotes');
  const sig = root.at('signature');
  const pn = root.at('pageNumber');
  const links = root.at('links');
  const labelColor = (r: Reader): string => colorOf(c.str(r.str('labelColor')));

  return {
    pageWidth: page.mm('widthMm'),
    pageHeight,
    colors,
    band: { x: band.mm('xMm'), width: band.mm('widthMm'), height: band.mm('heightMm') },
    wordmark: { ...spec(wm), x: wm.mm('xMm'), firstBaseline: wm.mm('firstBaselineMm'), maxWidth: wm.mm('maxWidthMm') },
    body: {
      ...spec(body),
      left: body.mm('leftMm'),
      width: body.mm('widthMm'),
      top: body.mm('topMm'),
      bottom: pageHeight - body.mm('bottomMarginMm'),
      paragraphGap: body.num('paragraphGapPt'),
      orphans: body.num('orphans'),
      widows: body.num('widows'),
    },
    letterhead: {
      returnAddress: { ...spec(ra, 'font', colors.muted), top: ra.mm('topMm') },
      addressee: { ...spec(ad), top: ad.mm('topMm') },
      dateSubject: {
        minTop: ds.mm('minTopMm'),
        gapAfterAddressee: ds.num('gapAfterAddresseePt'),
        labelWidth: ds.mm('labelWidthMm'),
        label: { ...spec(ds, 'labelFont'), color: labelColor(ds) },
        value: spec(ds, 'valueFont'),
        subject: spec(ds, 'subjectFont'),
        rowGap: ds.num('rowGapPt'),
      },
      gapAfterSubject: lh.num('gapAfterSubjectPt'),
    },
    referenceColumn: {
      placement: rc.choice('placement', ['beside', 'above-body'] as const, 'beside'),
      runningBlock: rc.choice('runningBlock', ['full', 'compact'] as const, 'full'),
      left: rc.mm('leftMm'),
      width: rc.mm('widthMm'),
      firstPageTop: rc.mm('firstPageTopMm'),
      nextPagesTop: rc.mm('nextPagesTopMm'),
      text: spec(rc),
      organisation: spec(rc, 'organisationFont'),
      label: spec(rc, 'labelFont'),
      groupGap: rc.num('groupGapPt'),
    },
    headings: { h2: heading('h2'), h3: heading('h3'), h4: heading('h4') },
    annex: {
      title: { font: ax.font('titleFont'), size: ax.num('titleSizePt'), leading: ax.num('titleLeadingPt'), color: colors.text },
      gapAfterTitle: ax.num('gapAfterTitlePt'),
      label: {
        font: ax.font('labelFont'),
        // Labels are set like body text unless the style makes them larger (large print).
        size: ax.has('labelSizePt') ? ax.num('labelSizePt') : body.num('sizePt'),
        leading: ax.has('labelLeadingPt') ? ax.num('labelLeadingPt') : body.num('leadingPt'),
        color: labelColor(ax),
      },
      partGap: ax.num('partGapPt'),
    },
    list: { indent: list.mm('indentMm'), gapBefore: list.num('gapBeforePt'), itemGap: list.num('itemGapPt') },
    table: {
      text: spec(tb),
      headerFont: tb.font('headerFont'),
      caption: spec(tb, 'captionFont'),
      padding: tb.num('paddingPt'),
      ruleWidth: tb.num('ruleWidthPt'),
      gapBefore: tb.num('gapBeforePt'),
      ruleColor: colors.rule,
    },
    figure: {
      maxHeightRatio: fg.num('maxHeightRatio'),
      caption: { ...spec(fg, 'captionFont'), color: colors.muted },
      gapAfterPicture: fg.num('gapAfterPicturePt'),
    },
    image: {
      text: { font: img.font('font'), size: body.num('sizePt'), leading: body.num('leadingPt'), color: colors.muted },
      padding: img.num('paddingPt'),
      ruleWidth: img.num('ruleWidthPt'),
    },
    noteCall: { sizeRatio: call.num('sizeRatio'), riseRatio: call.num('riseRatio') },
    footnotes: {
      ...spec(fn),
      labelWidth: fn.mm('labelWidthMm'),
      ruleWidth: fn.mm('ruleWidthMm'),
      ruleThickness: fn.num('ruleThicknessPt'),
      gapAboveRule: fn.num('gapAboveRulePt'),
      gapBelowRule: fn.num('gapBelowRulePt'),
      noteGap: fn.num('noteGapPt'),
    },
    signature: { gapBefore: sig.num('gapBeforePt'), signatureSpace: sig.num('signatureSpacePt') },
    pageNumber: {
      placement: pn.choice('placement', ['under-reference', 'foot'] as const, 'under-reference'),
      gapBefore: pn.num('gapBeforePt'),
      font: pn.font('font'),
      bottom: pn.has('bottomMm') ? pn.mm('bottomMm') : 0,
    },
    links: {
      underline: links.bool('underline'),
      underlineThickness: links.num('underlineThicknessPt'),
      underlineOffset: links.num('underlineOffsetPt'),
    },
  };
}
