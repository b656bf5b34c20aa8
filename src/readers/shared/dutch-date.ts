/** Dutch dates as written in letters (`12 februari 2026`, `1 jan. 2026`, `12-02-2026`) → ISO. */

const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];

function iso(y: number, m: number, d: number): string | undefined {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function parseDutchDate(text: string): string | undefined {
  const t = text.trim().replace(/\u00a0/gu, ' ').replace(/^(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)\s+/iu, '');
  const named = /^(\d{1,2})\s+([a-z]+)\.?\s+(\d{4})$/iu.exec(t);
  if (named) {
    const word = named[2]!.toLowerCase();
    const month = MONTHS.findIndex((m) => m === word || (word.length >= 3 && m.startsWith(word)));
    return month < 0 ? undefined : iso(Number(named[3]), month + 1, Number(named[1]));
  }
  const numeric = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/u.exec(t);
  if (numeric) return iso(Number(numeric[3]), Number(numeric[2]), Number(numeric[1]));
  const isoForm = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(t);
  if (isoForm) return iso(Number(isoForm[1]), Number(isoForm[2]), Number(isoForm[3]));
  return undefined;
}
