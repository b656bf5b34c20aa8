/**
 * Every rule of the PDF/UA checker, seen to fail: a good tagged letter passes, and each case
 * breaks one thing and must get exactly the listed rule ids (a cascade, where one defect
 * necessarily breaks several rules, is listed in full).
 */
import { describe, expect, it } from 'vitest';
import { checkOwnRules, PROFILES } from '../../../src/check/pdf/index.js';
import type { Finding } from '../../../src/check/types.js';
import {
  artifact,
  box,
  buildPdf,
  find,
  FIRA_GLYPH_COUNT,
  glyphId,
  goodSpec,
  hex,
  show,
  type1Program,
  tagged,
  xmp,
  type DocSpec,
  type ElemSpec,
} from '../../support/pdf-factory.js';
import { cidFontOf, fontOnPage, identityMapStream, range, shiftWidth, subsetWithCidSet } from '../../support/pdf-mutations.js';
import { PDFArray, PDFDict, PDFName, PDFNumber } from 'pdf-lib';
import { readType1GlyphNames } from '../../../src/check/pdf/type1.js';

interface Case {
  name: string;
  rules: string[];
  edit?: (spec: DocSpec) => void;
  /** Bytes made another way than from the spec. */
  bytes?: () => Promise<Uint8Array>;
}

const P = (text = 'x'): ElemSpec => ({ type: 'P', actualText: text });
const docKids = (s: DocSpec): Array<ElemSpec | { mcid: number }> => find(s, 'doc').kids as Array<ElemSpec | { mcid: number }>;
const addToPage = (s: DocSpec, page: number, content: string): void => {
  s.pages[page]!.content += `\n${content}`;
};
/** No catalog /Lang, but everything else still has one, so a single case can break one rule. */
const noCatalogLangElsewhereCovered = (s: DocSpec): void => {
  s.lang = null;
  find(s, 'doc').lang = 'nl-NL';
  s.xmp = xmp({ xDefault: false });
  s.outline = [];
};

const CASES: Case[] = [
  // ------------------------------------------------------------ file, catalog, metadata
  { name: 'not a PDF at all', rules: ['RP-unreadable'], bytes: async () => new TextEncoder().encode('hello, this is no PDF') },
  { name: 'PDF header but no catalog', rules: ['RP-unreadable'], bytes: async () => new TextEncoder().encode('%PDF-1.7\ngarbage\n%%EOF\n') },
  { name: 'encrypted', rules: ['RP-encrypted'], edit: (s) => { s.encrypt = true; } },
  { name: 'no MarkInfo', rules: ['6.2-1'], edit: (s) => { s.markInfo = null; } },
  { name: 'MarkInfo Marked false', rules: ['6.2-1'], edit: (s) => { s.markInfo = { Marked: false }; } },
  { name: 'MarkInfo Suspects true', rules: ['7.1-4'], edit: (s) => { s.markInfo = { Marked: true, Suspects: true }; } },
  {
    name: 'no StructTreeRoot (every MCID and link loses its element)',
    rules: ['7.1-11', '7.1-3', '7.18.5-1'],
    edit: (s) => { s.structTree = false; },
  },
  { name: 'no ViewerPreferences', rules: ['7.1-10'], edit: (s) => { s.displayDocTitle = null; } },
  { name: 'DisplayDocTitle false', rules: ['7.1-10'], edit: (s) => { s.displayDocTitle = false; } },
  { name: 'no Metadata stream', rules: ['7.1-8'], edit: (s) => { s.xmp = null; } },
  { name: 'XMP without pdfuaid:part', rules: ['5-1'], edit: (s) => { s.xmp = xmp({ part: null }); } },
  { name: 'pdfuaid:part is 2', rules: ['5-2'], edit: (s) => { s.xmp = xmp({ part: '2' }); } },
  { name: 'XMP without dc:title', rules: ['7.1-9'], edit: (s) => { s.xmp = xmp({ title: null }); } },
  { name: 'empty dc:title', rules: ['7.1-9'], edit: (s) => { s.xmp = xmp({ title: '  ' }); } },
  {
    name: 'unescaped & in the XMP title (pdfkit bug)',
    rules: ['5-1', '7.1-9'],
    edit: (s) => { s.xmp = xmp({ title: 'Brief over A & B' }); },
  },
  // Issue 7: a noncharacter in the title made the packet malformed while the file passed.
  { name: 'XMP title with U+FFFE', rules: ['5-1', '7.1-9'], edit: (s) => { s.xmp = xmp({ title: 'Kosten \ufffe baten' }); } },
  { name: 'XMP title with a C0 control character', rules: ['5-1', '7.1-9'], edit: (s) => { s.xmp = xmp({ title: 'Kosten \u0007 baten' }); } },
  { name: 'XMP with an unclosed element', rules: ['5-1', '7.1-9'], edit: (s) => { s.xmp = xmp().replace('</rdf:RDF>', ''); } },

  // ------------------------------------------------------------ language
  { name: 'catalog Lang nl_NL', rules: ['7.2-29'], edit: (s) => { s.lang = 'nl_NL'; } },
  { name: 'empty catalog Lang', rules: ['7.2-29'], edit: (s) => { s.lang = ''; } },
  { name: 'structure element Lang "en GB"', rules: ['7.2-29'], edit: (s) => { find(s, 'span').lang = 'en GB'; } },
  {
    name: 'marked-content Lang "??"',
    rules: ['7.2-29'],
    edit: (s) => {
      s.pages[1]!.content = s.pages[1]!.content.replace('/Span <</MCID 1>>', '/Span <</MCID 1 /Lang (??)>>');
    },
  },
  {
    name: 'no catalog Lang anywhere (the whole cascade)',
    rules: ['7.2-34', '7.2-22', '7.2-24', '7.2-33', '7.2-2'],
    edit: (s) => { s.lang = null; },
  },
  { name: 'no catalog Lang, all else covered: passes', rules: [], edit: noCatalogLangElsewhereCovered },
  {
    name: 'text with no language',
    rules: ['7.2-34'],
    edit: (s) => {
      noCatalogLangElsewhereCovered(s);
      addToPage(s, 1, tagged('P', 2, show('zonder taal', 72, 650)));
      s.structure.push({ type: 'P', kids: [{ mcid: 2, page: 1 }] });
    },
  },
  {
    name: 'text with language only on its marked content passes',
    rules: [],
    edit: (s) => {
      noCatalogLangElsewhereCovered(s);
      addToPage(s, 1, tagged('P', 2, show('met taal', 72, 650), ' /Lang (nl)'));
      s.structure.push({ type: 'P', kids: [{ mcid: 2, page: 1 }] });
    },
  },
  {
    name: 'ActualText with no language',
    rules: ['7.2-21'],
    edit: (s) => { noCatalogLangElsewhereCovered(s); s.structure.push({ type: 'P', actualText: 'tekst' }); },
  },
  {
    name: 'Alt with no language',
    rules: ['7.2-22'],
    edit: (s) => { noCatalogLangElsewhereCovered(s); s.structure.push({ type: 'Figure', alt: 'een plaatje' }); },
  },
  {
    name: 'E with no language',
    rules: ['7.2-23'],
    edit: (s) => { noCatalogLangElsewhereCovered(s); s.structure.push({ type: 'Span', expansion: 'bijvoorbeeld' }); },
  },
  {
    name: 'annotation Contents with no language',
    rules: ['7.2-24'],
    edit: (s) => {
      noCatalogLangElsewhereCovered(s);
      s.pages[1]!.annots = [{ id: 'c', subtype: 'Text', rect: [10, 10, 30, 30], contents: 'opmerking' }];
      s.structure.push({ type: 'Annot', kids: [{ annot: 'c' }] });
    },
  },
  {
    name: 'x-default metadata with no language',
    rules: ['7.2-33'],
    edit: (s) => { noCatalogLangElsewhereCovered(s); s.xmp = xmp(); },
  },
  {
    name: 'outline with no language',
    rules: ['7.2-2'],
    edit: (s) => { noCatalogLangElsewhereCovered(s); s.outline = ['Betreft']; },
  },

  // ------------------------------------------------------------ marked content
  { name: 'text outside marked content', rules: ['7.1-3'], edit: (s) => addToPage(s, 0, show('los', 72, 400)) },
  { name: 'text in a non-MCID Span (BMC) only', rules: ['7.1-3'], edit: (s) => addToPage(s, 0, `/Span BMC ${show('los', 72, 400)} EMC`) },
  { name: 'path outside marked content', rules: ['7.1-3'], edit: (s) => addToPage(s, 0, box(10, 10, 5, 5)) },
  { name: 'image XObject outside marked content', rules: ['7.1-3'], edit: (s) => addToPage(s, 0, 'q 10 0 0 10 300 300 cm /Im1 Do Q') },
  {
    name: 'inline image outside marked content',
    rules: ['7.1-3'],
    edit: (s) => addToPage(s, 0, 'q 10 0 0 10 300 300 cm BI /W 1 /H 1 /CS /G /BPC 8 ID \u0080 EI Q'),
  },
  { name: 'shading outside marked content', rules: ['7.1-3'], edit: (s) => addToPage(s, 0, '/Sh1 sh') },
  {
    name: 'untagged content inside a Form XObject',
    rules: ['7.1-3'],
    edit: (s) => {
      s.pages[1]!.forms!.Fm2 = { content: show('uit een formulier', 72, 600) };
      addToPage(s, 1, '/Fm2 Do');
    },
  },
  {
    name: 'untagged Form XObject drawn inside tagged content passes',
    rules: [],
    edit: (s) => {
      s.pages[1]!.forms!.Fm2 = { content: show('uit een formulier', 72, 600) };
      addToPage(s, 1, tagged('P', 2, '/Fm2 Do'));
      s.structure.push({ type: 'P', kids: [{ mcid: 2, page: 1 }] });
    },
  },
  {
    name: 'object-level tagged Form XObject (/StructParent) passes',
    rules: [],
    edit: (s) => {
      s.pages[1]!.forms!.Fm2 = { content: box(72, 500, 20, 20), structParentOf: 'logo' };
      addToPage(s, 1, '/Fm2 Do');
      s.structure.push({ type: 'Figure', key: 'logo', alt: 'Logo' });
    },
  },
  {
    name: 'Form XObject /StructParent missing from the ParentTree',
    rules: ['7.1-3'],
    edit: (s) => {
      s.pages[1]!.forms!.Fm2 = { content: box(72, 500, 20, 20), structParentOf: 'logo' };
      addToPage(s, 1, '/Fm2 Do');
      s.structure.push({ type: 'Figure', key: 'logo', alt: 'Logo' });
      s.mutate = (b) => { b.forms.get('1/Fm2')!.set(PDFName.of('StructParent'), PDFNumber.of(99)); };
    },
  },
  {
    name: 'artifact inside tagged content',
    rules: ['7.1-1'],
    edit: (s) => {
      s.pages[0]!.content = s.pages[0]!.content.replace('/H1 <</MCID 0>> BDC', `/H1 <</MCID 0>> BDC ${artifact(box(0, 0, 1, 1), 'Layout')}`);
    },
  },
  {
    name: 'tagged content inside an artifact',
    rules: ['7.1-2'],
    edit: (s) => {
      addToPage(s, 0, artifact(tagged('P', 17, show('binnen artefact', 72, 300))));
      s.structure.push({ type: 'P', kids: [{ mcid: 17 }] });
    },
  },
  {
    name: 'MCID that no element claims',
    rules: ['7.1-3'],
    edit: (s) => addToPage(s, 0, tagged('P', 17, show('wees', 72, 300))),
  },
  {
    name: 'no ParentTree (content and links unreachable from content side)',
    rules: ['7.1-3', '7.18.5-1'],
    edit: (s) => { s.mutate = (b) => { b.structTreeRoot!.delete(PDFName.of('ParentTree')); }; },
  },
  { name: 'page without StructParents', rules: ['7.1-3'], edit: (s) => { s.pages[1]!.noStructParents = true; } },
  {
    name: 'ParentTree names the wrong elements',
    rules: ['7.1-3'],
    edit: (s) => {
      s.mutate = (b) => {
        const nums = b.parentTreeNums!;
        const page0 = nums.lookup(1, PDFArray);
        const first = page0.get(0);
        page0.set(0, page0.get(1));
        page0.set(1, first);
      };
    },
  },
  { name: 'element references an MCID the page does not have', rules: ['7.1-3'], edit: (s) => { find(s, 'h1').kids!.push({ mcid: 40 }); } },
  {
    name: 'element with MCIDs but no page (/Pg): its MCID leads nowhere, so it reads as empty',
    rules: ['7.1-3', 'RP-empty-text'],
    edit: (s) => { s.mutate = (b) => { b.elements.get('h1')!.delete(PDFName.of('Pg')); }; },
  },
  { name: 'EMC without BMC/BDC', rules: ['RP-marked-content-nesting'], edit: (s) => addToPage(s, 0, 'EMC') },
  { name: 'BMC never closed', rules: ['RP-marked-content-nesting'], edit: (s) => addToPage(s, 0, '/Span BMC') },
  { name: 'content stream syntax damage', rules: ['RP-content-syntax'], edit: (s) => addToPage(s, 1, '(unterminated') },
  {
    name: 'text in a font the page does not define',
    rules: ['RP-content-syntax'],
    edit: (s) => addToPage(s, 1, artifact('BT /F9 10 Tf 10 10 Td (x) Tj ET')),
  },
  {
    name: 'reference XObject',
    rules: ['7.20-1'],
    edit: (s) => { s.pages[1]!.forms!.Fm1!.reference = true; },
  },
  { name: 'Form XObject with MCIDs drawn twice', rules: ['7.20-2'], edit: (s) => addToPage(s, 1, '/Fm1 Do') },

  // ------------------------------------------------------------ structure types, headings
  { name: 'non-standard type without RoleMap', rules: ['7.1-5'], edit: (s) => { find(s, 'p3').type = 'Alinea2'; } },
  {
    name: 'circular RoleMap',
    rules: ['7.1-6'],
    edit: (s) => { s.roleMap = { ...s.roleMap, Kader: 'Blok', Blok: 'Kader' }; find(s, 'p3').type = 'Kader'; },
  },
  { name: 'standard type remapped', rules: ['7.1-7'], edit: (s) => { s.roleMap = { ...s.roleMap, Span: 'P' }; } },
  { name: 'element without /P', rules: ['7.1-12'], edit: (s) => { find(s, 'h2').noParent = true; } },
  {
    name: 'kid that is no element, MCR or OBJR',
    rules: ['RP-struct-damage'],
    edit: (s) => {
      s.mutate = (b) => {
        b.elements.get('h1')!.lookup(PDFName.of('K'), PDFArray).push(b.context.obj({ Foo: 1 }));
      };
    },
  },
  { name: 'one MCID claimed by two elements', rules: ['RP-struct-damage'], edit: (s) => { find(s, 'h2').kids!.push({ mcid: 0 }); } },
  { name: 'Figure without Alt', rules: ['7.3-1'], edit: (s) => { delete find(s, 'figure').alt; } },
  { name: 'Figure with empty Alt', rules: ['7.3-1'], edit: (s) => { find(s, 'figure').alt = ''; } },
  { name: 'Figure with ActualText passes', rules: [], edit: (s) => { delete find(s, 'figure').alt; find(s, 'figure').actualText = 'grijs vlak'; } },
  {
    name: 'Formula without Alt',
    rules: ['7.7-1'],
    edit: (s) => { const f = find(s, 'figure'); f.type = 'Formula'; delete f.alt; },
  },
  { name: 'first heading is H2', rules: ['7.4.2-1'], edit: (s) => { find(s, 'h1').type = 'H2'; } },
  { name: 'heading level skipped (H1 → H3)', rules: ['7.4.2-1'], edit: (s) => { find(s, 'h2').type = 'H3'; } },
  { name: 'two H children in one element', rules: ['7.4.4-1'], edit: (s) => { find(s, 'h1').type = 'H'; find(s, 'h2').type = 'H'; } },
  { name: 'H and H1 in one document', rules: ['7.4.4-2', '7.4.4-3'], edit: (s) => { find(s, 'h2').type = 'H'; } },
  { name: 'TOCI outside TOC', rules: ['7.2-26'], edit: (s) => { docKids(s).push({ type: 'TOCI', actualText: 'Inhoud' }); } },
  {
    name: 'TOC holding a P',
    rules: ['7.2-27'],
    edit: (s) => { docKids(s).push({ type: 'TOC', kids: [{ type: 'TOCI', actualText: 'a' }, P()] }); },
  },

  // ------------------------------------------------------------ lists
  { name: 'LI outside L', rules: ['7.2-17'], edit: (s) => { find(s, 'list').type = 'Div'; } },
  { name: 'LBody outside LI', rules: ['7.2-18'], edit: (s) => { docKids(s).push({ type: 'LBody', actualText: 'los' }); } },
  { name: 'L holding a P', rules: ['7.2-19'], edit: (s) => { find(s, 'list').kids!.push(P()); } },
  { name: 'LI holding a P', rules: ['7.2-20'], edit: (s) => { find(s, 'li1').kids!.push(P()); } },
  {
    name: 'Caption last in L',
    rules: ['7.2-19', '7.2-40'],
    edit: (s) => { find(s, 'list').kids!.push({ type: 'Caption', actualText: 'Lijst' }); },
  },
  {
    name: 'Caption first in L passes',
    rules: [],
    edit: (s) => { find(s, 'list').kids!.unshift({ type: 'Caption', actualText: 'Lijst' }); },
  },

  // ------------------------------------------------------------ tables
  { name: 'Table holding a P', rules: ['7.2-3'], edit: (s) => { find(s, 'table').kids!.push(P()); } },
  { name: 'TR outside Table', rules: ['7.2-4'], edit: (s) => { docKids(s).push({ type: 'TR', kids: [{ type: 'TD' }] }); } },
  { name: 'THead outside Table', rules: ['7.2-5'], edit: (s) => { docKids(s).push({ type: 'THead' }); } },
  { name: 'TBody outside Table', rules: ['7.2-6'], edit: (s) => { docKids(s).push({ type: 'TBody' }); } },
  { name: 'TFoot outside Table', rules: ['7.2-7'], edit: (s) => { docKids(s).push({ type: 'TFoot' }); } },
  { name: 'TH outside TR', rules: ['7.2-8'], edit: (s) => { docKids(s).push({ type: 'TH', table: { Scope: 'Row' } }); } },
  { name: 'TD outside TR', rules: ['7.2-9'], edit: (s) => { docKids(s).push({ type: 'TD' }); } },
  { name: 'TR holding a P', rules: ['7.2-10'], edit: (s) => { find(s, 'tr2').kids!.push(P()); } },
  {
    name: 'THead, TBody and TFoot used right pass',
    rules: [],
    edit: (s) => {
      const [tr1, tr2] = find(s, 'table').kids as ElemSpec[];
      find(s, 'table').kids = [{ type: 'THead', kids: [tr1!] }, { type: 'TBody', kids: [tr2!] }, { type: 'TFoot' }];
    },
  },
  {
    name: 'two THead',
    rules: ['7.2-11'],
    edit: (s) => {
      const [tr1, tr2] = find(s, 'table').kids as ElemSpec[];
      find(s, 'table').kids = [{ type: 'THead', kids: [tr1!] }, { type: 'THead' }, { type: 'TBody', kids: [tr2!] }];
    },
  },
  {
    name: 'two TFoot',
    rules: ['7.2-12'],
    edit: (s) => {
      const [tr1, tr2] = find(s, 'table').kids as ElemSpec[];
      find(s, 'table').kids = [{ type: 'TBody', kids: [tr1!, tr2!] }, { type: 'TFoot' }, { type: 'TFoot' }];
    },
  },
  { name: 'TFoot without TBody', rules: ['7.2-13'], edit: (s) => { find(s, 'table').kids!.push({ type: 'TFoot' }); } },
  {
    name: 'THead without TBody',
    rules: ['7.2-14'],
    edit: (s) => {
      const [tr1, tr2] = find(s, 'table').kids as ElemSpec[];
      find(s, 'table').kids = [{ type: 'THead', kids: [tr1!] }, tr2!];
    },
  },
  { name: 'irregular table (ColSpan 2 in a 2-column table)', rules: ['7.2-15'], edit: (s) => { find(s, 'td1').table = { ColSpan: 2 }; } },
  {
    name: 'RowSpan past the last row',
    rules: ['7.2-15'],
    edit: (s) => { find(s, 'td1').table = { RowSpan: 2 }; },
  },
  {
    name: 'THead holding a P',
    rules: ['7.2-36'],
    edit: (s) => {
      const [tr1, tr2] = find(s, 'table').kids as ElemSpec[];
      find(s, 'table').kids = [{ type: 'THead', kids: [tr1!, P()] }, { type: 'TBody', kids: [tr2!] }];
    },
  },
  {
    name: 'TBody holding a P',
    rules: ['7.2-37'],
    edit: (s) => {
      const [tr1, tr2] = find(s, 'table').kids as ElemSpec[];
      find(s, 'table').kids = [{ type: 'TBody', kids: [tr1!, tr2!, P()] }];
    },
  },
  {
    name: 'TFoot holding a P',
    rules: ['7.2-38'],
    edit: (s) => {
      const [tr1, tr2] = find(s, 'table').kids as ElemSpec[];
      find(s, 'table').kids = [{ type: 'TBody', kids: [tr1!, tr2!] }, { type: 'TFoot', kids: [P()] }];
    },
  },
  {
    name: 'two Captions in a Table',
    rules: ['7.2-3', '7.2-39'],
    edit: (s) => {
      const t = find(s, 'table');
      t.kids = [{ type: 'Caption', actualText: 'a' }, ...t.kids!, { type: 'Caption', actualText: 'b' }];
    },
  },
  { name: 'TH without Scope', rules: ['7.5-1'], edit: (s) => { delete find(s, 'th1').table; } },
  {
    name: 'TH without Scope but Headers and IDs pass',
    rules: [],
    edit: (s) => {
      delete find(s, 'th1').table;
      delete find(s, 'th2').table;
      find(s, 'td1').table = { Headers: ['th-jaar'] };
      find(s, 'td2').table = { Headers: ['th-aantal'] };
    },
  },
  { name: 'TD Headers naming an unknown ID', rules: ['7.5-2'], edit: (s) => { find(s, 'td1').table = { Headers: ['th-onbekend'] }; } },

  // ------------------------------------------------------------ notes
  { name: 'Note without ID', rules: ['7.9-1'], edit: (s) => { delete find(s, 'note').id; } },
  {
    name: 'two Notes with one ID',
    rules: ['7.9-2'],
    edit: (s) => { docKids(s).push({ type: 'Note', id: 'fn-1', kids: [P('tweede')] }); },
  },
  {
    name: 'Note that no link points to',
    rules: ['RP-note-unreferenced'],
    edit: (s) => {
      s.pages[0]!.annots![1]!.dest = 'elders';
      s.namedDests = { elders: 1 };
    },
  },
  {
    name: 'Note reached through /Ref passes',
    rules: [],
    edit: (s) => {
      s.pages[0]!.annots![1]!.dest = 'elders';
      s.namedDests = { elders: 1 };
      find(s, 'notelink').refs = ['note'];
    },
  },

  // ------------------------------------------------------------ annotations
  { name: 'page with annotations without /Tabs', rules: ['7.18.3-1'], edit: (s) => { s.pages[0]!.tabs = null; } },
  { name: 'page with annotations and /Tabs /R', rules: ['7.18.3-1'], edit: (s) => { s.pages[0]!.tabs = 'R'; } },
  {
    name: 'Link annotation not in the structure',
    rules: ['7.18.5-1'],
    edit: (s) => {
      find(s, 'weblink').kids = [{ mcid: 2 }];
      s.pages[0]!.annots![0]!.noStructParent = true;
    },
  },
  {
    name: 'Link annotation in a P, not a Link',
    rules: ['7.18.5-1'],
    edit: (s) => {
      find(s, 'weblink').kids = [{ mcid: 2 }];
      find(s, 'p1').kids!.push({ annot: 'web' });
    },
  },
  {
    name: 'Link OBJR without /StructParent',
    rules: ['7.18.5-1'],
    edit: (s) => { s.pages[0]!.annots![0]!.noStructParent = true; },
  },
  { name: 'Link without /Contents', rules: ['7.18.5-2'], edit: (s) => { delete s.pages[0]!.annots![0]!.contents; } },
  { name: 'Link with empty /Contents', rules: ['7.18.5-2'], edit: (s) => { s.pages[0]!.annots![0]!.contents = ' '; } },
  {
    name: 'hidden untagged Link without Contents is exempt',
    rules: [],
    edit: (s) => {
      s.pages[0]!.annots!.push({ id: 'hidden', subtype: 'Link', rect: [10, 10, 20, 20], flags: 2, uri: 'https://example.org' });
    },
  },
  {
    name: 'Text annotation not in an Annot element',
    rules: ['7.18.1-1'],
    edit: (s) => { s.pages[1]!.annots = [{ id: 'c', subtype: 'Text', rect: [10, 10, 30, 30], contents: 'opmerking' }]; },
  },
  {
    name: 'Text annotation in Annot without Contents or Alt',
    rules: ['7.18.1-2'],
    edit: (s) => {
      s.pages[1]!.annots = [{ id: 'c', subtype: 'Text', rect: [10, 10, 30, 30] }];
      s.structure.push({ type: 'Annot', kids: [{ annot: 'c' }] });
    },
  },
  {
    name: 'Text annotation in Annot with Alt passes',
    rules: [],
    edit: (s) => {
      s.pages[1]!.annots = [{ id: 'c', subtype: 'Text', rect: [10, 10, 30, 30] }];
      docKids(s).push({ type: 'Annot', alt: 'opmerking', kids: [{ annot: 'c' }] });
    },
  },
  {
    name: 'Widget annotation not in a Form element',
    rules: ['7.18.4-1'],
    edit: (s) => { s.pages[1]!.annots = [{ id: 'w', subtype: 'Widget', rect: [10, 10, 30, 30] }]; },
  },
  {
    name: 'PrinterMark annotation in the structure',
    rules: ['7.18.8-1'],
    edit: (s) => {
      s.pages[1]!.annots = [{ id: 'pm', subtype: 'PrinterMark', rect: [10, 10, 30, 30] }];
      docKids(s).push({ type: 'Annot', alt: 'drukkersmerk', kids: [{ annot: 'pm' }] });
    },
  },
  {
    name: 'visible TrapNet annotation',
    rules: ['7.18.2-1'],
    edit: (s) => { s.pages[1]!.annots = [{ id: 't', subtype: 'TrapNet', rect: [10, 10, 30, 30] }]; },
  },

  // ------------------------------------------------------------ fonts
  {
    name: 'Helvetica, not embedded',
    rules: ['7.21.4.1-1'],
    edit: (s) => { s.helvetica = true; addToPage(s, 0, artifact(show('Rijkspers', 10, 10, 8, 'F2'))); },
  },
  {
    name: 'Helvetica only in invisible text (Tr 3) is exempt',
    rules: [],
    edit: (s) => { s.helvetica = true; addToPage(s, 0, artifact(`BT 3 Tr /F2 8 Tf 10 10 Td (Rijkspers) Tj ET`)); },
  },
  {
    name: 'simple TrueType font with WinAnsi encoding and no ToUnicode passes',
    rules: [],
    edit: (s) => { s.simpleTrueType = { differences: [] }; addToPage(s, 0, artifact(show('Rijkspers één', 10, 10, 8, 'F3'))); },
  },
  {
    name: 'simple TrueType code whose glyph the font lacks (.notdef)',
    rules: ['7.21.8-1'],
    edit: (s) => {
      s.simpleTrueType = { differences: [[0x80, 'uni0E01']] };
      addToPage(s, 0, artifact('BT /F3 8 Tf 10 10 Td (\\200) Tj ET'));
    },
  },
  {
    name: 'simple TrueType code with a glyph name that has no Unicode',
    rules: ['7.21.7-1', '7.21.8-1'],
    edit: (s) => {
      s.simpleTrueType = { differences: [[0x80, 'g123']] };
      addToPage(s, 0, artifact('BT /F3 8 Tf 10 10 Td (\\200) Tj ET'));
    },
  },
  { name: 'no ToUnicode on a Type 0 font', rules: ['7.21.7-1'], edit: (s) => { s.toUnicode = 'none'; } },
  {
    name: 'embedded CIDFontType2 without CIDToGIDMap',
    rules: ['7.21.3.2-1'],
    edit: (s) => {
      s.mutate = (b) => {
        const type0 = b.pages[0]!.lookup(PDFName.of('Resources'), PDFDict).lookup(PDFName.of('Font'), PDFDict).lookup(PDFName.of('F1'), PDFDict);
        type0.lookup(PDFName.of('DescendantFonts'), PDFArray).lookup(0, PDFDict).delete(PDFName.of('CIDToGIDMap'));
      };
    },
  },
  { name: 'ToUnicode maps a glyph to U+0000', rules: ['7.21.7-2'], edit: (s) => { s.toUnicode = { zeroChar: 'e' }; } },
  {
    name: 'text shows .notdef (glyph 0)',
    rules: ['7.21.8-1', '7.21.7-1'],
    edit: (s) => addToPage(s, 0, artifact('BT /F1 10 Tf 10 10 Td <0000> Tj ET')),
  },
  {
    name: 'text shows a glyph the font does not have',
    rules: ['7.21.4.1-2', '7.21.7-1'],
    edit: (s) => addToPage(s, 0, artifact('BT /F1 10 Tf 10 10 Td <FFF0> Tj ET')),
  },
  {
    name: 'damaged ToUnicode CMap',
    rules: ['RP-font-damage', '7.21.7-1'],
    edit: (s) => {
      s.mutate = (b) => {
        const font = b.pages[0]!.lookup(PDFName.of('Resources'), PDFDict).lookup(PDFName.of('Font'), PDFDict).lookup(PDFName.of('F1'), PDFDict);
        font.set(PDFName.of('ToUnicode'), b.context.register(b.context.stream('1 beginbfchar <0001> <0041> endbfchar >> )')));
      };
    },
  },

  // ------------------------------------------------------------ subsets: CIDSet (7.21.4.2-2) and CharSet (7.21.4.2-1)
  {
    name: 'subset CIDSet that lists every glyph of the program passes',
    rules: [],
    edit: (s) => { s.mutate = (b) => subsetWithCidSet(b, range(0, FIRA_GLYPH_COUNT)); },
  },
  {
    name: 'subset CIDSet without CID 0 (.notdef is not judged) passes',
    rules: [],
    edit: (s) => { s.mutate = (b) => subsetWithCidSet(b, range(1, FIRA_GLYPH_COUNT)); },
  },
  {
    name: 'subset CIDSet that lists only the glyphs shown, not all of the program',
    rules: ['7.21.4.2-2'],
    edit: (s) => { s.mutate = (b) => subsetWithCidSet(b, [0, ...new Set([...'Betreft: toegankelijkheid'].map(glyphId))]); },
  },
  {
    name: 'subset CIDSet that leaves out one glyph the program has',
    rules: ['7.21.4.2-2'],
    edit: (s) => { s.mutate = (b) => subsetWithCidSet(b, range(0, FIRA_GLYPH_COUNT).filter((cid) => cid !== 7)); },
  },
  {
    name: 'subset CIDSet that lists CIDs past the end of the program',
    rules: ['7.21.4.2-2'],
    edit: (s) => { s.mutate = (b) => subsetWithCidSet(b, range(0, FIRA_GLYPH_COUNT + 3)); },
  },
  {
    name: 'incomplete CIDSet of a font not named as a subset is not judged (as in veraPDF)',
    rules: [],
    edit: (s) => {
      s.mutate = (b) => {
        subsetWithCidSet(b, [0, 1, 2]);
        cidFontOf(b).set(PDFName.of('BaseFont'), PDFName.of('FiraSans-Regular'));
      };
    },
  },
  {
    name: 'subset CIDSet read through a CIDToGIDMap stream passes when complete',
    rules: [],
    edit: (s) => {
      s.mutate = (b) => {
        identityMapStream(b, FIRA_GLYPH_COUNT);
        subsetWithCidSet(b, range(0, FIRA_GLYPH_COUNT));
      };
    },
  },
  {
    name: 'subset CIDSet read through a CIDToGIDMap stream that leaves out a mapped CID',
    rules: ['7.21.4.2-2'],
    edit: (s) => {
      s.mutate = (b) => {
        identityMapStream(b, FIRA_GLYPH_COUNT);
        subsetWithCidSet(b, range(0, FIRA_GLYPH_COUNT - 1));
      };
    },
  },
  {
    name: 'Type 1 subset whose CharSet lists its glyphs passes',
    rules: [],
    edit: (s) => { s.type1 = { glyphs: ['A', 'B', 'C'], charSet: '/A/B/C' }; addToPage(s, 0, artifact('BT /F4 8 Tf 10 10 Td (ABC) Tj ET')); },
  },
  {
    name: 'Type 1 subset whose CharSet also names .notdef passes',
    rules: [],
    edit: (s) => { s.type1 = { glyphs: ['A', 'B'], charSet: '/.notdef/A/B' }; addToPage(s, 0, artifact('BT /F4 8 Tf 10 10 Td (AB) Tj ET')); },
  },
  {
    name: 'Type 1 subset whose CharSet leaves out a glyph of the program',
    rules: ['7.21.4.2-1'],
    edit: (s) => { s.type1 = { glyphs: ['A', 'B', 'C'], charSet: '/A/B' }; addToPage(s, 0, artifact('BT /F4 8 Tf 10 10 Td (AB) Tj ET')); },
  },
  {
    name: 'Type 1 subset whose CharSet names a glyph the program lacks',
    rules: ['7.21.4.2-1'],
    edit: (s) => { s.type1 = { glyphs: ['A', 'B'], charSet: '/A/B/Z' }; addToPage(s, 0, artifact('BT /F4 8 Tf 10 10 Td (AB) Tj ET')); },
  },
  {
    name: 'Type 1 subset with a CharSet and an unreadable program',
    rules: ['RP-font-damage'],
    edit: (s) => {
      s.type1 = { glyphs: ['A', 'B'], charSet: '/A/B' };
      addToPage(s, 0, artifact('BT /F4 8 Tf 10 10 Td (AB) Tj ET'));
      s.mutate = (b) => {
        const descriptor = fontOnPage(b, 'F4').lookup(PDFName.of('FontDescriptor'), PDFDict);
        descriptor.set(PDFName.of('FontFile'), b.context.register(b.context.stream('%!PS-AdobeFont-1.0: kapot\n')));
      };
    },
  },
  {
    name: 'Type 1 subset without CharSet is not judged',
    rules: [],
    edit: (s) => { s.type1 = { glyphs: ['A', 'B'] }; addToPage(s, 0, artifact('BT /F4 8 Tf 10 10 Td (AB) Tj ET')); },
  },

  // ------------------------------------------------------------ widths (7.21.5-1)
  { name: '/W width of a shown glyph 50 units off', rules: ['7.21.5-1'], edit: (s) => { s.mutate = (b) => shiftWidth(b, 'B', 50); } },
  { name: '/W width 1 unit off is within veraPDF\'s tolerance', rules: [], edit: (s) => { s.mutate = (b) => shiftWidth(b, 'B', 1); } },
  { name: '/W width 1.5 units off is not', rules: ['7.21.5-1'], edit: (s) => { s.mutate = (b) => shiftWidth(b, 'B', 1.5); } },
  {
    name: 'no /W and no /DW: every glyph is declared 1000 wide',
    rules: ['7.21.5-1'],
    edit: (s) => {
      s.mutate = (b) => {
        cidFontOf(b).delete(PDFName.of('W'));
        cidFontOf(b).delete(PDFName.of('DW'));
      };
    },
  },
  {
    name: 'wrong /W width of a glyph shown only in invisible text (Tr 3) is exempt',
    rules: [],
    edit: (s) => {
      addToPage(s, 0, artifact(`BT 3 Tr /F1 8 Tf 10 10 Td ${hex('€')} Tj ET`));
      s.mutate = (b) => shiftWidth(b, '€', 100);
    },
  },
  {
    name: 'wrong /W width of a glyph shown visibly after invisible text',
    rules: ['7.21.5-1'],
    edit: (s) => {
      addToPage(s, 0, artifact(`BT 3 Tr /F1 8 Tf 10 10 Td ${hex('€')} Tj 0 Tr ${hex('€')} Tj ET`));
      s.mutate = (b) => shiftWidth(b, '€', 100);
    },
  },
  {
    name: 'simple TrueType /Widths entry that disagrees with the program',
    rules: ['7.21.5-1'],
    edit: (s) => {
      s.simpleTrueType = { differences: [] };
      addToPage(s, 0, artifact(show('Rijkspers', 10, 10, 8, 'F3')));
      s.mutate = (b) => { fontOnPage(b, 'F3').lookup(PDFName.of('Widths'), PDFArray).set('R'.charCodeAt(0) - 32, PDFNumber.of(900)); };
    },
  },
  {
    name: 'simple TrueType code before FirstChar, no MissingWidth: declared 0 wide',
    rules: ['7.21.5-1'],
    edit: (s) => {
      s.simpleTrueType = { differences: [] };
      addToPage(s, 0, artifact(show('Rijkspers', 10, 10, 8, 'F3')));
      s.mutate = (b) => {
        const f3 = fontOnPage(b, 'F3');
        const widths = f3.lookup(PDFName.of('Widths'), PDFArray).asArray();
        f3.set(PDFName.of('FirstChar'), PDFNumber.of(83));
        f3.set(PDFName.of('Widths'), b.context.obj(widths.slice(83 - 32)));
      };
    },
  },
  {
    name: 'simple TrueType code before FirstChar with the right MissingWidth passes',
    rules: [],
    edit: (s) => {
      s.simpleTrueType = { differences: [] };
      addToPage(s, 0, artifact(show('R', 10, 10, 8, 'F3')));
      s.mutate = (b) => {
        const f3 = fontOnPage(b, 'F3');
        const widths = f3.lookup(PDFName.of('Widths'), PDFArray);
        f3.lookup(PDFName.of('FontDescriptor'), PDFDict).set(PDFName.of('MissingWidth'), widths.get('R'.charCodeAt(0) - 32));
        f3.set(PDFName.of('FirstChar'), PDFNumber.of(83));
        f3.set(PDFName.of('Widths'), b.context.obj(widths.asArray().slice(83 - 32)));
      };
    },
  },

  // ------------------------------------------------------------ embedded files
  { name: 'embedded file with name and description', rules: [], edit: (s) => { s.embeddedFile = { bytes: 'Geachte voorzitter,', F: 'brief.txt', UF: 'brief.txt', Desc: 'Brontekst van deze brief' }; } },
  { name: 'embedded file without /UF', rules: ['7.11-1'], edit: (s) => { s.embeddedFile = { bytes: 'x', F: 'brief.txt', Desc: 'Brontekst' }; } },
  { name: 'embedded file without /Desc', rules: ['RP-embedded-file-desc'], edit: (s) => { s.embeddedFile = { bytes: 'x', F: 'brief.txt', UF: 'brief.txt' }; } },

  // ------------------------------------------------------------ rijkspers
  { name: 'empty P', rules: ['RP-empty-text'], edit: (s) => { docKids(s).push({ type: 'P' }); } },
  {
    name: 'P whose only text is a space',
    rules: ['RP-empty-text'],
    edit: (s) => {
      addToPage(s, 1, tagged('P', 2, show(' ', 72, 650)));
      s.structure.push({ type: 'P', kids: [{ mcid: 2, page: 1 }] });
    },
  },
];

const RULES = PROFILES.pdfua1.rules;

/** Our PDF/UA-1 rules alone, as the tests judge them. */
async function checkPdfUa(bytes: Uint8Array): Promise<{ violations: Finding[]; checked: number }> {
  const own = await checkOwnRules(bytes, ['pdfua1']);
  return { violations: own.findings, checked: own.checked };
}

/** Where a finding is, as one string: `page 2`, `object 12 0 R`. */
const where = (f: Finding): string => (f.locations[0]?.page !== undefined ? `page ${f.locations[0].page}` : (f.locations[0]?.object ?? 'document'));

async function bytesOf(c: Case): Promise<Uint8Array> {
  if (c.bytes) return c.bytes();
  const spec = goodSpec();
  c.edit?.(spec);
  return buildPdf(spec);
}

describe('PDF/UA checker on a good tagged letter', () => {
  it('finds nothing wrong', async () => {
    const report = await checkPdfUa(await buildPdf(goodSpec()));
    expect(report.violations).toEqual([]);
    expect(report.checked).toBe(RULES.length);
  });

  it('reports identical results for identical input', async () => {
    const spec = goodSpec();
    addToPage(spec, 0, show('los', 72, 400));
    const bytes = await buildPdf(spec);
    expect(await checkPdfUa(bytes)).toEqual(await checkPdfUa(bytes));
  });
});

describe('PDF/UA checker: each defect gets exactly its rule ids', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const report = await checkPdfUa(await bytesOf(c));
    const got = [...new Set(report.violations.map((v) => v.rule))].sort();
    expect(got).toEqual([...c.rules].sort());
    for (const v of report.violations) {
      expect(v.tool).toEqual({ name: 'rijkspers', version: expect.any(String) });
      expect(v.profile).toBe('pdfua1');
      expect(v.message.length).toBeGreaterThan(10);
      expect(where(v)).toMatch(/^(page \d+|object \d+ \d+ R|document|a direct object)$/);
    }
  });

  it('sees every rule of the catalog fail in some case', () => {
    const seen = new Set(CASES.flatMap((c) => c.rules));
    const unseen = RULES.map((r) => r.id).filter((id) => !seen.has(id));
    expect(unseen).toEqual([]);
  });
});

describe('Type 1 program reader (CharSet, 7.21.4.2-1)', () => {
  const { bytes, length1, length2 } = type1Program(['A', 'Aacute', 'space']);
  const names = ['.notdef', 'A', 'Aacute', 'space'];

  it('reads the /CharStrings names of a binary eexec section, with and without Length1', () => {
    expect(readType1GlyphNames(bytes, length1)).toEqual(names);
    expect(readType1GlyphNames(bytes)).toEqual(names);
  });

  it('reads the hex form of the eexec section (PFA)', () => {
    const encrypted = Buffer.from(bytes.subarray(length1, length1 + length2)).toString('hex').replace(/(.{64})/g, '$1\r\n');
    const pfa = Buffer.concat([Buffer.from(bytes.subarray(0, length1)), Buffer.from(encrypted, 'latin1'), Buffer.from(bytes.subarray(length1 + length2))]);
    expect(readType1GlyphNames(pfa)).toEqual(names);
  });

  it('unwraps a PFB file', () => {
    const segment = (type: number, data: Uint8Array): Buffer => {
      const header = Buffer.from([0x80, type, 0, 0, 0, 0]);
      header.writeUInt32LE(data.length, 2);
      return Buffer.concat([header, data]);
    };
    const pfb = Buffer.concat([
      segment(1, bytes.subarray(0, length1)),
      segment(2, bytes.subarray(length1, length1 + length2)),
      segment(1, bytes.subarray(length1 + length2)),
      Buffer.from([0x80, 3]),
    ]);
    expect(readType1GlyphNames(pfb)).toEqual(names);
  });

  it('refuses a program without eexec section or CharStrings', () => {
    expect(() => readType1GlyphNames(new TextEncoder().encode('%!PS-AdobeFont-1.0: x\n'))).toThrow(/no eexec/);
    expect(() => readType1GlyphNames(bytes.subarray(0, length1 + 40))).toThrow(/CharStrings/);
  });
});

describe('PDF/UA checker: what a violation says', () => {
  it('folds 50 untagged text operators on one page into one violation with a count', async () => {
    const spec = goodSpec();
    addToPage(spec, 1, Array.from({ length: 50 }, (_, i) => show('los', 72, 100 + i)).join('\n'));
    const { violations } = await checkPdfUa(await buildPdf(spec));
    expect(violations).toHaveLength(1);
    expect(violations[0]).toMatchObject({ rule: '7.1-3', locations: [{ page: 2 }], severity: 'violation', fails: true, count: 50, references: ['01-005'] });
    expect(violations[0]!.message).toBe('text-showing operator(s) neither in tagged content nor in an artifact');
    expect(violations[0]!.helpUrl).toBe('https://github.com/veraPDF/veraPDF-validation-profiles/wiki/PDFUA-Part-1-rules#rule-71-3');
    expect(violations[0]!.help).toMatch(/Artifact/);
  });

  it('names the page of each failure and keeps pages apart', async () => {
    const spec = goodSpec();
    addToPage(spec, 0, show('los', 72, 400));
    addToPage(spec, 1, box(10, 10, 5, 5));
    const { violations } = await checkPdfUa(await buildPdf(spec));
    expect(violations.map((v) => [v.rule, where(v), v.message])).toEqual([
      ['7.1-3', 'page 1', 'text-showing operator(s) neither in tagged content nor in an artifact'],
      ['7.1-3', 'page 2', 'path-painting operator(s) neither in tagged content nor in an artifact'],
    ]);
  });

  it('names the codes and both widths when /W disagrees with the program', async () => {
    const c = CASES.find((x) => x.name === '/W width of a shown glyph 50 units off')!;
    const { violations } = await checkPdfUa(await bytesOf(c));
    // 'B' is shown on page 1 only (Betreft); its declared width is 50 more than Fira's advance.
    expect(violations.map((v) => [v.rule, where(v)])).toEqual([['7.21.5-1', 'page 1']]);
    expect(violations[0]!.message).toMatch(
      new RegExp(`^font FiraSans-Regular \\(object \\d+ 0 R\\): widths in the font dictionary differ from the embedded program \\(code declared vs program\\): <${glyphId('B').toString(16).toUpperCase().padStart(4, '0')}> (\\d+) vs (\\d+)$`),
    );
    const [, declared, program] = /> (\d+) vs (\d+)$/.exec(violations[0]!.message)!;
    expect(Number(declared) - Number(program)).toBe(50);
  });

  it('names the CIDs a subset CIDSet leaves out', async () => {
    const c = CASES.find((x) => x.name === 'subset CIDSet that leaves out one glyph the program has')!;
    const { violations } = await checkPdfUa(await bytesOf(c));
    expect(violations.map((v) => [v.rule, v.message])).toEqual([
      ['7.21.4.2-2', expect.stringMatching(/^font FiraSans-Regular \(object \d+ 0 R\): its CIDSet leaves out CID 7 that the font program has$/)],
    ]);
  });

  it('names the glyphs a Type 1 CharSet gets wrong', async () => {
    const spec = goodSpec();
    spec.type1 = { glyphs: ['A', 'B', 'C'], charSet: '/A/Z' };
    addToPage(spec, 0, artifact('BT /F4 8 Tf 10 10 Td (AB) Tj ET'));
    const { violations } = await checkPdfUa(await buildPdf(spec));
    expect(violations.map((v) => [v.rule, where(v), v.message])).toEqual([
      [
        '7.21.4.2-1',
        'page 1',
        expect.stringMatching(/^font ABCDEF\+Proef \(object \d+ 0 R\): its CharSet leaves out glyphs \/B, \/C that the font program has and lists glyph \/Z that the font program does not have$/),
      ],
    ]);
  });

  it('reports the note warning as a warning', async () => {
    const c = CASES.find((x) => x.rules.includes('RP-note-unreferenced'))!;
    const { violations } = await checkPdfUa(await bytesOf(c));
    expect(violations.map((v) => [v.rule, v.severity, where(v)])).toEqual([['RP-note-unreferenced', 'warning', 'page 1']]);
    expect(violations[0]!.message).toContain('"fn-1"');
  });

  it('reads the raw stream bytes of a real Form XObject, not only page content', async () => {
    const spec = goodSpec();
    spec.pages[1]!.forms!.Fm1!.content = show('geen tags', 72, 600);
    const bytes = await buildPdf(spec);
    const { violations } = await checkPdfUa(bytes);
    // The form lost its MCID: its text is untagged, and the P that claimed MCID 0 points at
    // nothing and is empty.
    expect(violations.map((v) => v.rule)).toEqual(['7.1-3', 'RP-empty-text']);
    expect(violations[0]!.message).toContain('text-showing operator(s) neither in tagged content nor in an artifact');
    expect(violations[0]!.message).toMatch(/P object \d+ 0 R references MCID 0 in Form XObject \d+ 0 R, which has no such marked content/);
  });
});
