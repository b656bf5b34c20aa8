/**
 * Natural language: every /Lang is a language tag (7.2-29) and, when the catalog has no /Lang,
 * text, Alt, ActualText, E, annotation Contents, x-default metadata and the outline must get
 * their language elsewhere (7.2-34, 7.2-21 … 7.2-24, 7.2-33, 7.2-2).
 */
import { PDFDict } from 'pdf-lib';
import { elementForItem, inheritedLang } from './content-items.js';
import type { Finding } from './findings.js';
import { StreamDecodeError, get, getArray, getDict, getNumber, getStream, getText, items, streamBytes } from './pdf-objects.js';
import type { RuleContext } from './rule-context.js';
import { at } from './rules-structure.js';
import { parentTreeElement, type StructElem } from './struct-tree.js';
import { readXmp } from './xmp.js';

/** The test veraPDF applies (rule 7.2-29, an RFC 3066 Language-Tag). */
const LANGUAGE_TAG = /^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$/;

export function isLanguageTag(value: string): boolean {
  return LANGUAGE_TAG.test(value);
}

export function checkLanguage(ctx: RuleContext): Finding[] {
  const { model, tree, content } = ctx;
  const out: Finding[] = [];

  const catalogLang = getText(model.catalog, 'Lang');
  const catalogHasLang = get(model.catalog, 'Lang') !== undefined;
  if (catalogLang !== undefined && !isLanguageTag(catalogLang)) {
    out.push({ rule: '7.2-29', object: model.objectLabel(model.catalog), message: `catalog /Lang "${catalogLang}" is not a language tag` });
  }
  for (const elem of tree.elements) {
    if (elem.lang !== undefined && !isLanguageTag(elem.lang)) {
      out.push({ rule: '7.2-29', ...at(elem), message: `/Lang "${elem.lang}" on ${elem.type} is not a language tag` });
    }
  }
  for (const page of content.pages) {
    for (const lang of page.mcLangs) {
      if (!isLanguageTag(lang)) out.push({ rule: '7.2-29', page: page.page, message: `/Lang "${lang}" in marked content is not a language tag` });
    }
  }
  if (catalogHasLang) return out;

  // No catalog language: everything must find one on its own element or marked content.
  for (const page of content.pages) {
    for (const [item, count] of page.textWithoutMcLang) {
      const elem = item === '' ? undefined : elementForItem(ctx, item);
      if (inheritedLang(elem) !== undefined) continue;
      out.push({ rule: '7.2-34', page: page.page, count, message: 'text with no language (no catalog /Lang, none on its element or marked content)' });
    }
  }
  const entries: Array<[keyof StructElem, string]> = [
    ['actualText', '7.2-21'],
    ['alt', '7.2-22'],
    ['expansion', '7.2-23'],
  ];
  for (const elem of tree.elements) {
    if (inheritedLang(elem) !== undefined) continue;
    for (const [field, rule] of entries) {
      if (elem[field] !== undefined) out.push({ rule, ...at(elem), message: `${elem.type} has ${field === 'expansion' ? 'E' : field === 'alt' ? 'Alt' : 'ActualText'} text in no known language` });
    }
  }
  for (const page of model.pages) {
    for (const annot of items(model.context, getArray(page.dict, 'Annots'))) {
      if (!(annot instanceof PDFDict) || getText(annot, 'Contents') === undefined) continue;
      const sp = getNumber(annot, 'StructParent');
      const elem = sp === undefined ? undefined : parentTreeElement(model, tree, sp);
      if (inheritedLang(elem) === undefined) {
        out.push({ rule: '7.2-24', page: page.index, message: 'annotation /Contents in no known language' });
      }
    }
  }
  const metadata = getStream(model.catalog, 'Metadata');
  if (metadata) {
    try {
      if (readXmp(streamBytes(metadata)).usesXDefault) {
        out.push({ rule: '7.2-33', object: model.objectLabel(metadata), message: 'XMP x-default text in no known language' });
      }
    } catch (e) {
      if (!(e instanceof StreamDecodeError)) throw e;
    }
  }
  if (getDict(getDict(model.catalog, 'Outlines'), 'First')) {
    out.push({ rule: '7.2-2', object: model.objectLabel(getDict(model.catalog, 'Outlines')), message: 'outline (bookmark) titles in no known language' });
  }
  return out;
}
