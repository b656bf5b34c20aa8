/**
 * Colour (ISO 19005-2, 6.2.3, 6.2.4.3, 6.2.10): the PDF/A output intent's ICC profile has a valid
 * header (6.2.3-1), several output intents share one profile (6.2.3-2), device colour spaces are
 * used only with a matching output intent (6.2.4.3-2/3/4), blend modes are standard (6.2.10-1),
 * and without an output intent a page with transparency names its blending colour space (6.2.10-2).
 */
import { PDFArray, PDFDict, PDFName, PDFNumber, PDFStream, type PDFObject } from 'pdf-lib';
import type { DeviceColour } from '../../content-walk.js';
import { StreamDecodeError, deref, get, getArray, getDict, getName, getStream, items, nameValue, streamBytes } from '../../pdf-objects.js';
import { onObject, onPage, shared, type DocContext, type RuleHit } from '../../pdf-rule.js';
import { pdfaRule } from './pdfa.js';

export interface IccHeader {
  /** `mntr`, `prtr`, `scnr` … */
  deviceClass: string;
  /** `RGB `, `CMYK`, `GRAY` … (four characters, space padded). */
  colourSpace: string;
  /** Major version, from byte 8. */
  major: number;
  minor: number;
}

/** The 128-byte ICC header (ICC.1:2004-10, 7.2), or undefined when the data is too short. */
export function readIccHeader(bytes: Uint8Array): IccHeader | undefined {
  if (bytes.length < 128) return undefined;
  const text = (from: number): string => String.fromCharCode(...bytes.subarray(from, from + 4));
  return { deviceClass: text(12), colourSpace: text(16), major: bytes[8]!, minor: bytes[9]! >> 4 };
}

interface OutputIntent {
  dict: PDFDict;
  subtype?: string;
  profile?: PDFStream;
  profileObject?: PDFObject;
  header?: IccHeader;
  /** Why the profile could not be read. */
  problem?: string;
}

function computeOutputIntents({ model }: DocContext): OutputIntent[] {
  return items(model.context, getArray(model.catalog, 'OutputIntents')).flatMap((entry) => {
    const dict = entry instanceof PDFDict ? entry : undefined;
    if (!dict) return [];
    const intent: OutputIntent = { dict };
    const subtype = getName(dict, 'S');
    if (subtype) intent.subtype = subtype;
    const raw = dict.get(PDFName.of('DestOutputProfile'));
    if (raw) intent.profileObject = raw;
    const profile = getStream(dict, 'DestOutputProfile');
    if (profile) {
      intent.profile = profile;
      try {
        const header = readIccHeader(streamBytes(profile));
        if (header) intent.header = header;
        else intent.problem = 'the ICC profile is shorter than its 128-byte header';
      } catch (e) {
        if (!(e instanceof StreamDecodeError)) throw e;
        intent.problem = `the ICC profile cannot be decoded (${e.message})`;
      }
    }
    return [intent];
  });
}

const outputIntents = (ctx: DocContext): OutputIntent[] => shared(ctx, computeOutputIntents);

/** The colour space of the PDF/A output intent's profile (`RGB `, `CMYK`, `GRAY`), if there is one. */
export function pdfaOutputSpace(ctx: DocContext): string | undefined {
  return outputIntents(ctx).find((i) => i.subtype === 'GTS_PDFA1' && i.header)?.header?.colourSpace;
}

export const outputProfileHeader = pdfaRule('b', {
  id: '6.2.3-1',
  summary: 'The ICC profile of the PDF/A output intent (GTS_PDFA1) is an output (prtr) or monitor (mntr) profile for GRAY, RGB or CMYK, of ICC version below 5.',
  help: 'Embed an ICC v2 or v4 monitor or printer profile, e.g. sRGB IEC61966-2.1, as /DestOutputProfile.',
  references: ['ISO 32000-1:2008, 14.11.5'],
  check: (ctx) =>
    outputIntents(ctx)
      .filter((i) => i.subtype === 'GTS_PDFA1')
      .flatMap((i): RuleHit[] => {
        const where = ctx.model.objectLabel(i.dict);
        if (!i.profile) return [onObject(where, 'the PDF/A output intent has no /DestOutputProfile stream')];
        if (!i.header) return [onObject(where, i.problem ?? 'the ICC profile cannot be read')];
        const { deviceClass, colourSpace, major } = i.header;
        const ok = (deviceClass === 'prtr' || deviceClass === 'mntr') && ['RGB ', 'CMYK', 'GRAY'].includes(colourSpace) && major < 5;
        return ok ? [] : [onObject(where, `the output profile's header says device class "${deviceClass}", colour space "${colourSpace.trim()}", version ${major}`)];
      }),
});

export const oneOutputProfile = pdfaRule('b', {
  id: '6.2.3-2',
  summary: 'When there are several output intents, all that have a /DestOutputProfile name the same indirect object.',
  help: 'Point every output intent at one ICC profile stream.',
  check: (ctx) => {
    const profiles = outputIntents(ctx).flatMap((i) => (i.profileObject ? [i.profileObject] : []));
    const distinct = new Set(profiles.map((p) => p.toString()));
    return distinct.size > 1 ? [onObject(ctx.model.objectLabel(ctx.model.catalog), `the output intents name ${distinct.size} different profiles`)] : [];
  },
});

function deviceRule(id: string, space: DeviceColour, needs: string | undefined, text: string): ReturnType<typeof pdfaRule> {
  return pdfaRule('b', {
    id,
    summary: `${space} is used only when the file has a PDF/A output intent${needs ? ` with a ${needs.trim()} profile` : ''}.`,
    help: `Add a PDF/A output intent (GTS_PDFA1) with ${needs ? `an ${needs.trim()}` : 'an'} ICC profile (sRGB for screen documents), or paint in an ICCBased colour space.`,
    check: (ctx) => {
      const output = pdfaOutputSpace(ctx);
      if (output !== undefined && (needs === undefined || output === needs)) return [];
      const why = output === undefined ? 'the file has no PDF/A output intent' : `the output intent's profile is ${output.trim()}`;
      return ctx.content.pages.flatMap((p) => {
        const uses = p.deviceColours.get(space) ?? 0;
        return uses > 0 ? [onPage(p.page, `${text} is used but ${why}`, uses)] : [];
      });
    },
  });
}

export const deviceRgb = deviceRule('6.2.4.3-2', 'DeviceRGB', 'RGB ', 'DeviceRGB');
export const deviceCmyk = deviceRule('6.2.4.3-3', 'DeviceCMYK', 'CMYK', 'DeviceCMYK');
export const deviceGray = deviceRule('6.2.4.3-4', 'DeviceGray', undefined, 'DeviceGray');

const BLEND_MODES = new Set([
  'Normal', 'Compatible', 'Multiply', 'Screen', 'Overlay', 'Darken', 'Lighten', 'ColorDodge', 'ColorBurn', 'HardLight',
  'SoftLight', 'Difference', 'Exclusion', 'Hue', 'Saturation', 'Color', 'Luminosity',
]);

interface PageTransparency {
  page: number;
  transparent: boolean;
  blendModes: string[];
}

/**
 * Whether each page's resources (and those of the forms they hold) can make anything
 * transparent: an ExtGState with CA or ca below 1, a soft mask or a blend mode other than Normal;
 * an image with /SMask; a form with a transparency /Group. Shared resource dictionaries are read once.
 */
function computeTransparency({ model }: DocContext): PageTransparency[] {
  const seen = new Map<PDFDict, { transparent: boolean; blendModes: string[] }>();
  const scan = (resources: PDFDict | undefined, depth: number): { transparent: boolean; blendModes: string[] } => {
    const result = { transparent: false, blendModes: [] as string[] };
    if (!resources || depth > 16) return result;
    const known = seen.get(resources);
    if (known) return known;
    seen.set(resources, result);
    const states = getDict(resources, 'ExtGState');
    for (const [, value] of states?.entries() ?? []) {
      const gs = deref(model.context, value);
      if (!(gs instanceof PDFDict)) continue;
      const alpha = (key: string): number => {
        const v = get(gs, key);
        return v instanceof PDFNumber ? v.asNumber() : 1;
      };
      const smask = get(gs, 'SMask');
      const bms = get(gs, 'BM');
      const modes = bms instanceof PDFArray ? items(model.context, bms).map(nameValue) : [nameValue(bms)];
      for (const mode of modes) {
        if (mode === undefined) continue;
        if (!BLEND_MODES.has(mode)) result.blendModes.push(mode);
        if (mode !== 'Normal' && mode !== 'Compatible') result.transparent = true;
      }
      if (alpha('CA') < 1 || alpha('ca') < 1 || (smask !== undefined && nameValue(smask) !== 'None')) result.transparent = true;
    }
    for (const [, value] of getDict(resources, 'XObject')?.entries() ?? []) {
      const xobject = deref(model.context, value);
      if (!(xobject instanceof PDFStream)) continue;
      if (get(xobject.dict, 'SMask') !== undefined) result.transparent = true;
      if (getName(getDict(xobject.dict, 'Group'), 'S') === 'Transparency') result.transparent = true;
      if (getName(xobject.dict, 'Subtype') === 'Form') {
        const inner = scan(getDict(xobject.dict, 'Resources'), depth + 1);
        result.transparent ||= inner.transparent;
        result.blendModes.push(...inner.blendModes);
      }
    }
    return result;
  };
  return model.pages.map((page) => ({ page: page.index, ...scan(page.resources, 0) }));
}

const transparency = (ctx: DocContext): PageTransparency[] => shared(ctx, computeTransparency);

export const standardBlendModes = pdfaRule('b', {
  id: '6.2.10-1',
  summary: 'Blend modes (/BM in an ExtGState) are those of ISO 32000-1.',
  help: 'Use a standard blend mode such as Normal or Multiply.',
  check: (ctx) => transparency(ctx).flatMap((p) => (p.blendModes.length > 0 ? [onPage(p.page, `blend mode ${[...new Set(p.blendModes)].join(', ')} is not defined in ISO 32000-1`)] : [])),
});

export const blendingSpace = pdfaRule('b', {
  id: '6.2.10-2',
  summary: 'Without a PDF/A output intent, a page with transparency has a /Group whose /CS is the blending colour space.',
  help: 'Add a PDF/A output intent, or write /Group << /S /Transparency /CS /DeviceRGB >> on the page.',
  references: ['ISO 32000-1:2008, 11.3.4'],
  check: (ctx) => {
    if (pdfaOutputSpace(ctx) !== undefined) return [];
    return transparency(ctx)
      .filter((p) => p.transparent && get(getDict(ctx.model.pages[p.page]!.dict, 'Group'), 'CS') === undefined)
      .map((p) => onPage(p.page, 'the page has transparency but no blending colour space (/Group /CS) and the file has no PDF/A output intent'));
  },
});

export const COLOUR_RULES = [outputProfileHeader, oneOutputProfile, deviceRgb, deviceCmyk, deviceGray, standardBlendModes, blendingSpace];
