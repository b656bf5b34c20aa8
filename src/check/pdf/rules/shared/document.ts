/**
 * Conditions PDF/UA-1 and PDF/A-2 level A state alike, each reported under its own profile's id:
 * the catalog's /MarkInfo, the structure tree root, role mapping, and language tags.
 */
import { getBool, getDict, getText } from '../../pdf-objects.js';
import { onElement, onObject, onPage, type DocContext, type RuleHit } from '../../pdf-rule.js';

export function notMarked({ model }: DocContext): RuleHit[] {
  const markInfo = getDict(model.catalog, 'MarkInfo');
  if (getBool(markInfo, 'Marked') === true) return [];
  return [onObject(model.objectLabel(model.catalog), markInfo ? '/MarkInfo has no /Marked true' : 'the catalog has no /MarkInfo dictionary')];
}

export function noStructTreeRoot({ model }: DocContext): RuleHit[] {
  if (getDict(model.catalog, 'StructTreeRoot')) return [];
  return [onObject(model.objectLabel(model.catalog), 'the catalog has no /StructTreeRoot: the document is not tagged')];
}

export function unmappedTypes({ tree }: DocContext): RuleHit[] {
  return tree.elements
    .filter((e) => e.role === 'unmapped')
    .map((e) => onElement(e, `structure type "${e.type}" is not standard and not role-mapped to a standard type`));
}

export function circularRoles({ tree }: DocContext): RuleHit[] {
  return tree.elements.filter((e) => e.role === 'circular').map((e) => onElement(e, `structure type "${e.type}" has a circular RoleMap`));
}

/** The test veraPDF applies (an RFC 3066 Language-Tag). */
const LANGUAGE_TAG = /^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$/;

export function isLanguageTag(value: string): boolean {
  return LANGUAGE_TAG.test(value);
}

/**
 * Every /Lang (catalog, structure elements, marked content) that is not a language tag. PDF/A-2
 * also accepts the empty string ("language unknown"); PDF/UA-1 does not.
 */
export function invalidLangs(ctx: DocContext, allowEmpty: boolean): RuleHit[] {
  const { model, tree, content } = ctx;
  const ok = (value: string): boolean => isLanguageTag(value) || (allowEmpty && value === '');
  const out: RuleHit[] = [];
  const catalogLang = getText(model.catalog, 'Lang');
  if (catalogLang !== undefined && !ok(catalogLang)) out.push(onObject(model.objectLabel(model.catalog), `catalog /Lang "${catalogLang}" is not a language tag`));
  for (const elem of tree.elements) {
    if (elem.lang !== undefined && !ok(elem.lang)) out.push(onElement(elem, `/Lang "${elem.lang}" on ${elem.type} is not a language tag`));
  }
  for (const page of content.pages) {
    for (const lang of page.mcLangs) if (!ok(lang)) out.push(onPage(page.page, `/Lang "${lang}" in marked content is not a language tag`));
  }
  return out;
}
