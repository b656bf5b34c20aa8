/**
 * UI strings for the shared markup: the theme's `theme.json` strings, completed by the theme's
 * `markup.json` (strings only the HTML/EPUB markup needs). Missing keys are an error, not a blank.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fillPlaceholders, type Theme } from '../theme.js';

export type StringLookup = (key: string, values?: Record<string, string | number>) => string;

interface MarkupStrings { strings?: Record<string, string> }

export function markupStrings(theme: Theme): StringLookup {
  const path = theme.file('markup.json');
  const extra = existsSync(path) ? ((JSON.parse(readFileSync(path, 'utf8')) as MarkupStrings).strings ?? {}) : {};
  return (key, values = {}) => {
    if (key in theme.data.strings) return theme.t(key, values);
    const template = extra[key];
    if (template === undefined) throw new Error(`theme ${theme.name}: no string "${key}" in theme.json or markup.json`);
    return fillPlaceholders(template, values);
  };
}
