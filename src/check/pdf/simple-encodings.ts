/**
 * Simple-font encodings (ISO 32000-1, 9.6.6 and Annex D) and glyph names → Unicode, enough to
 * decide whether a character code of a font without ToUnicode can be mapped to Unicode
 * (7.21.7-1) and to extract text for the rijkspers rules.
 *
 * Glyph names follow the Adobe Glyph List conventions: `uniXXXX`, `uXXXX[XX]`, ligatures joined
 * with `_`, suffixes after `.` ignored, plus the Latin names of the standard encodings.
 */

const cp1252 = new TextDecoder('windows-1252');
const macRoman = new TextDecoder('macintosh');

export type BaseEncoding = 'WinAnsiEncoding' | 'MacRomanEncoding' | 'StandardEncoding' | 'MacExpertEncoding';

export function isBaseEncoding(name: string | undefined): name is BaseEncoding {
  return (
    name === 'WinAnsiEncoding' ||
    name === 'MacRomanEncoding' ||
    name === 'StandardEncoding' ||
    name === 'MacExpertEncoding'
  );
}

/**
 * Unicode of a code in a predefined encoding; undefined when the encoding leaves the code
 * empty. MacExpert (small caps, old-style figures) is only known to be defined from space up.
 */
export function baseEncodingUnicode(encoding: BaseEncoding, code: number): string | undefined {
  if (code < 0x20 || code > 0xff) return undefined;
  switch (encoding) {
    case 'WinAnsiEncoding':
      // Annex D: unused WinAnsi codes above 0x40 show the bullet.
      if (code === 0x7f || [0x81, 0x8d, 0x8f, 0x90, 0x9d].includes(code)) return '\u2022';
      return cp1252.decode(Uint8Array.of(code));
    case 'MacRomanEncoding':
      if (code === 0x7f) return undefined;
      return macRoman.decode(Uint8Array.of(code));
    case 'StandardEncoding':
      if (code === 0x27) return '\u2019';
      if (code === 0x60) return '\u2018';
      if (code <= 0x7e) return String.fromCharCode(code);
      // The upper half of StandardEncoding is sparse; its names are all in the AGL.
      return code >= 0xa1 ? '\ufffd' : undefined;
    case 'MacExpertEncoding':
      return '\ufffd';
  }
}

const NAMED: Record<string, string> = {
  space: ' ', exclam: '!', quotedbl: '"', numbersign: '#', dollar: '$', percent: '%', ampersand: '&',
  quotesingle: "'", quoteright: '\u2019', quoteleft: '\u2018', parenleft: '(', parenright: ')',
  asterisk: '*', plus: '+', comma: ',', hyphen: '-', period: '.', slash: '/', zero: '0', one: '1',
  two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9', colon: ':',
  semicolon: ';', less: '<', equal: '=', greater: '>', question: '?', at: '@', bracketleft: '[',
  backslash: '\\', bracketright: ']', asciicircum: '^', underscore: '_', grave: '`', braceleft: '{',
  bar: '|', braceright: '}', asciitilde: '~', exclamdown: '\u00a1', cent: '\u00a2', sterling: '\u00a3',
  yen: '\u00a5', currency: '\u00a4', brokenbar: '\u00a6', section: '\u00a7', dieresis: '\u00a8',
  copyright: '\u00a9', ordfeminine: '\u00aa', guillemotleft: '\u00ab', logicalnot: '\u00ac',
  registered: '\u00ae', macron: '\u00af', degree: '\u00b0', plusminus: '\u00b1', twosuperior: '\u00b2',
  threesuperior: '\u00b3', acute: '\u00b4', mu: '\u00b5', paragraph: '\u00b6', periodcentered: '\u00b7',
  cedilla: '\u00b8', onesuperior: '\u00b9', ordmasculine: '\u00ba', guillemotright: '\u00bb',
  onequarter: '\u00bc', onehalf: '\u00bd', threequarters: '\u00be', questiondown: '\u00bf',
  multiply: '\u00d7', divide: '\u00f7', germandbls: '\u00df', AE: '\u00c6', ae: '\u00e6', Eth: '\u00d0',
  eth: '\u00f0', Thorn: '\u00de', thorn: '\u00fe', Oslash: '\u00d8', oslash: '\u00f8', OE: '\u0152',
  oe: '\u0153', dotlessi: '\u0131', Lslash: '\u0141', lslash: '\u0142', fi: 'fi', fl: 'fl', ff: 'ff',
  ffi: 'ffi', ffl: 'ffl', endash: '\u2013', emdash: '\u2014', bullet: '\u2022', ellipsis: '\u2026',
  quotedblleft: '\u201c', quotedblright: '\u201d', quotesinglbase: '\u201a', quotedblbase: '\u201e',
  dagger: '\u2020', daggerdbl: '\u2021', perthousand: '\u2030', guilsinglleft: '\u2039',
  guilsinglright: '\u203a', Euro: '\u20ac', trademark: '\u2122', florin: '\u0192', circumflex: '\u02c6',
  tilde: '\u02dc', caron: '\u02c7', breve: '\u02d8', dotaccent: '\u02d9', ring: '\u02da',
  ogonek: '\u02db', hungarumlaut: '\u02dd', fraction: '\u2044', minus: '\u2212', nbspace: '\u00a0',
  nonbreakingspace: '\u00a0', sfthyphen: '\u00ad', softhyphen: '\u00ad', ij: '\u0133', IJ: '\u0132',
};

const COMBINING: Record<string, string> = {
  grave: '\u0300', acute: '\u0301', circumflex: '\u0302', tilde: '\u0303', macron: '\u0304',
  breve: '\u0306', dotaccent: '\u0307', dieresis: '\u0308', ring: '\u030a', hungarumlaut: '\u030b',
  caron: '\u030c', cedilla: '\u0327', ogonek: '\u0328',
};

const ACCENTED = new RegExp(`^([A-Za-z])(${Object.keys(COMBINING).join('|')})$`);

function componentUnicode(name: string): string | undefined {
  const named = NAMED[name];
  if (named !== undefined) return named;
  if (/^[A-Za-z]$/.test(name)) return name;
  const uni = /^uni((?:[0-9A-F]{4})+)$/.exec(name);
  if (uni) {
    const units = uni[1]!.match(/.{4}/g)!.map((h) => parseInt(h, 16));
    // Surrogates are not valid in uniXXXX names (AGL specification).
    if (units.some((u) => u >= 0xd800 && u <= 0xdfff)) return undefined;
    return String.fromCharCode(...units);
  }
  const u = /^u([0-9A-F]{4,6})$/.exec(name);
  if (u) {
    const cp = parseInt(u[1]!, 16);
    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return undefined;
    return String.fromCodePoint(cp);
  }
  const accented = ACCENTED.exec(name);
  if (accented) return (accented[1]! + COMBINING[accented[2]!]!).normalize('NFC');
  return undefined;
}

/** Unicode for a glyph name, or undefined when the name carries no Unicode meaning. */
export function glyphNameToUnicode(name: string): string | undefined {
  if (name === '.notdef' || name === '') return undefined;
  const base = name.split('.')[0]!;
  if (base === '') return undefined;
  const parts = base.split('_').map(componentUnicode);
  if (parts.some((p) => p === undefined)) return undefined;
  return parts.join('');
}
