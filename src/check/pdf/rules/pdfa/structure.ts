/**
 * Logical structure (ISO 19005-2, 6.7, level A): /MarkInfo /Marked true (6.7.2.2-1), a structure
 * tree (6.7.3.3-1), non-standard types role-mapped (6.7.3-2) without circles (6.7.3-3), and valid
 * language identifiers (6.7.4-1; the empty string, "unknown", is allowed). The conditions are
 * those PDF/UA-1 states as 6.2-1, 7.1-11, 7.1-5, 7.1-6 and 7.2-29 (rules/shared/document.ts).
 */
import { circularRoles, invalidLangs, noStructTreeRoot, notMarked, unmappedTypes } from '../shared/document.js';
import { pdfaRule } from './pdfa.js';

export const marked = pdfaRule('a', {
  id: '6.7.2.2-1',
  summary: 'The catalog has /MarkInfo with /Marked true.',
  help: 'Write /MarkInfo << /Marked true >> in the catalog.',
  references: ['ISO 32000-1:2008, 14.7.1'],
  check: notMarked,
});

export const structTreeRoot = pdfaRule('a', {
  id: '6.7.3.3-1',
  summary: 'The logical structure is a structure hierarchy rooted in the catalog\'s /StructTreeRoot.',
  help: 'Tag the document: build a structure tree.',
  references: ['ISO 32000-1:2008, 14.7'],
  check: noStructTreeRoot,
});

export const roleMapped = pdfaRule('a', {
  id: '6.7.3-2',
  summary: 'Non-standard structure types are mapped to a standard type in the RoleMap.',
  help: 'Add a RoleMap entry to the nearest standard type.',
  references: ['ISO 32000-1:2008, 14.8.4'],
  check: unmappedTypes,
});

export const noCircularRoles = pdfaRule('a', {
  id: '6.7.3-3',
  summary: 'The RoleMap has no circular mapping.',
  help: 'Make every RoleMap chain end at a standard type.',
  check: circularRoles,
});

export const languageIdentifiers = pdfaRule('a', {
  id: '6.7.4-1',
  summary: 'Every /Lang (catalog, structure element, property list) is empty or a language tag.',
  help: 'Write a BCP 47 tag: nl, nl-NL, en-GB.',
  references: ['ISO 32000-1:2008, 14.9.2'],
  check: (ctx) => invalidLangs(ctx, true),
});

export const STRUCTURE_RULES = [marked, structTreeRoot, roleMapped, noCircularRoles, languageIdentifiers];
