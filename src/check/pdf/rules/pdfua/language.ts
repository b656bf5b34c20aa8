/**
 * Natural language: every /Lang is a language tag (7.2-29) and, when the catalog has no /Lang,
 * text, Alt, ActualText, E, annotation Contents, x-default metadata and the outline must get
 * their language elsewhere (7.2-34, 7.2-21 … 7.2-24, 7.2-33, 7.2-2).
 */
import { elementForItem, inheritedLang } from '../../content-items.js';
import { get, getDict, getNumber, getStream, getText } from '../../pdf-objects.js';
import { onElement, onObject, onPage, type DocContext, type RuleHit } from '../../pdf-rule.js';
import { parentTreeElement, type StructElem } from '../../struct-tree.js';
import { annotations } from '../shared/annotations.js';
import { invalidLangs } from '../shared/document.js';
import { uaRule } from './ua.js';

const catalogHasLang = ({ model }: DocContext): boolean => get(model.catalog, 'Lang') !== undefined;

export const languageTags = uaRule({
  id: '7.2-29',
  summary: 'Every /Lang (catalog, structure element, property list) is a language tag such as nl-NL.',
  help: 'Write a BCP 47 tag: nl, nl-NL, en-GB.',
  wcag: ['3.1.1', '3.1.2'],
  check: (ctx) => invalidLangs(ctx, false),
});

export const textLanguage = uaRule({
  id: '7.2-34',
  summary: 'The language of all text is known (catalog /Lang or /Lang on its element or marked content).',
  help: 'Set /Lang in the catalog.',
  references: ['11-001'],
  wcag: ['3.1.1'],
  check: (ctx) => {
    if (catalogHasLang(ctx)) return [];
    const out: RuleHit[] = [];
    for (const page of ctx.content.pages) {
      for (const [item, count] of page.textWithoutMcLang) {
        const elem = item === '' ? undefined : elementForItem(ctx, item);
        if (inheritedLang(elem) === undefined) out.push(onPage(page.page, 'text with no language (no catalog /Lang, none on its element or marked content)', count));
      }
    }
    return out;
  },
});

function entryLanguage(id: string, field: keyof StructElem & ('actualText' | 'alt' | 'expansion'), name: string): ReturnType<typeof uaRule> {
  return uaRule({
    id,
    summary: `The language of ${name === 'E' ? 'E (expansion)' : name} is known.`,
    help: 'Set /Lang in the catalog or on the element.',
    check: (ctx) =>
      catalogHasLang(ctx)
        ? []
        : ctx.tree.elements
            .filter((e) => e[field] !== undefined && inheritedLang(e) === undefined)
            .map((e) => onElement(e, `${e.type} has ${name} text in no known language`)),
  });
}
export const actualTextLanguage = entryLanguage('7.2-21', 'actualText', 'ActualText');
export const altLanguage = entryLanguage('7.2-22', 'alt', 'Alt');
export const expansionLanguage = entryLanguage('7.2-23', 'expansion', 'E');

export const contentsLanguage = uaRule({
  id: '7.2-24',
  summary: 'The language of annotation Contents is known.',
  help: 'Set /Lang in the catalog.',
  check: (ctx) =>
    catalogHasLang(ctx)
      ? []
      : annotations(ctx)
          .filter((a) => getText(a.dict, 'Contents') !== undefined)
          .filter((a) => {
            const sp = getNumber(a.dict, 'StructParent');
            return inheritedLang(sp === undefined ? undefined : parentTreeElement(ctx.model, ctx.tree, sp)) === undefined;
          })
          .map((a) => onPage(a.page, 'annotation /Contents in no known language')),
});

export const metadataLanguage = uaRule({
  id: '7.2-33',
  summary: 'The language of x-default metadata is known.',
  help: 'Set /Lang in the catalog.',
  check: (ctx) =>
    !catalogHasLang(ctx) && ctx.xmp?.usesXDefault
      ? [onObject(ctx.model.objectLabel(getStream(ctx.model.catalog, 'Metadata')), 'XMP x-default text in no known language')]
      : [],
});

export const outlineLanguage = uaRule({
  id: '7.2-2',
  summary: 'The language of the outline (bookmarks) is known.',
  help: 'Set /Lang in the catalog.',
  check: (ctx) => {
    const outlines = getDict(ctx.model.catalog, 'Outlines');
    return !catalogHasLang(ctx) && getDict(outlines, 'First') ? [onObject(ctx.model.objectLabel(outlines), 'outline (bookmark) titles in no known language')] : [];
  },
});

export const LANGUAGE_RULES = [languageTags, textLanguage, actualTextLanguage, altLanguage, expansionLanguage, contentsLanguage, metadataLanguage, outlineLanguage];
