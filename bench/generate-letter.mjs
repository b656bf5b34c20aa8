// @ts-check
/**
 * Synthetic Kamerbrief generator: a letter in the plain-text input format (see README, "The input
 * format") whose annex holds N questions with answers. Deterministic: the same options give the
 * same bytes. Dependency-free so that the benchmark (plain Node) and the tests (vitest, via
 * `generate-letter.d.mts`) can both import it.
 *
 * Every question is `Vraag k` + one question paragraph; about one in four cites a source
 * reference `[s]` (defined on a line `[s] text` at the end of the file; at most 999, the parser's
 * limit). Every answer is `Antwoord` (sometimes `Antwoord k`) + 1–3 paragraphs; about one paragraph
 * in five carries a Word footnote (`[footnoteRef:f]` in the text, `[f:  text]` at the end of the
 * line), and about one answer in eight holds a short bulleted or numbered list.
 *
 *   import { generateLetter, writeLetter } from './bench/generate-letter.mjs';
 *   const text = generateLetter({ questions: 2000, seed: 7 });
 *
 *   node bench/generate-letter.mjs 2000 [SEED] > letter.txt     # from the command line
 *
 * @typedef {object} LetterOptions
 * @property {number} questions   number of `Vraag` blocks (0 gives a letter without annex)
 * @property {number} [seed]      PRNG seed (default 1)
 * @property {string} [subject]   the `Betreft` line (default: a subject naming the question count)
 * @property {string} [date]      the date line as written (default `12 februari 2026`)
 * @property {boolean} [crlf]     CRLF line ends, as some Word exports have (default false)
 */

/** mulberry32: a small, fast, seedable PRNG. @param {number} seed @returns {() => number} */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SUBJECTS = [
  'het kabinet', 'de Nederlandse Arbeidsinspectie', 'de gemeente', 'de minister', 'de provincie',
  'het Openbaar Ministerie', 'de Autoriteit Consument en Markt', 'het UWV', 'de Belastingdienst',
  'de veiligheidsregio', 'de netbeheerder', 'de Inspectie Gezondheidszorg en Jeugd', 'de VNG',
  'het Centraal Bureau voor de Statistiek', 'de waterschappen', 'de Europese Commissie',
];
const VERBS = [
  'onderzoekt', 'volgt nauwgezet', 'bespreekt met de betrokken partijen', 'evalueert', 'versterkt',
  'brengt in kaart', 'ondersteunt financieel', 'betrekt bij de uitvoering', 'toetst', 'herziet',
  'informeert uw Kamer over', 'neemt maatregelen tegen', 'zet zich in voor', 'heeft aandacht voor',
];
const OBJECTS = [
  'de uitvoering van de regeling', 'de wachttijden in de jeugd-ggz', 'de huisvesting van arbeidsmigranten',
  'de netcongestie in Noord-Brabant', 'de handhaving van de normen', 'de gevolgen voor de regio',
  'de financiële positie van gemeenten', 'de bescherming van persoonsgegevens', 'de stikstofdepositie',
  'de capaciteit van de rechtspraak', 'de kosten van de energietransitie', 'het tekort aan leraren',
  'de beschikbaarheid van huurwoningen', 'de digitale weerbaarheid van de overheid',
  'de samenwerking met maatschappelijke organisaties', 'de toegankelijkheid van overheidsinformatie',
];
const TAILS = [
  'in de komende jaren', 'in lijn met de motie die uw Kamer heeft aangenomen', 'zoals eerder toegezegd',
  'op basis van de meest recente cijfers', 'samen met de medeoverheden', 'binnen de bestaande kaders',
  'met ingang van 1 januari 2027', 'in nauw overleg met de sector', 'voor zover de middelen dat toelaten',
  'waarbij ook de ervaringen uit de praktijk worden meegenomen', 'in het voorjaar van 2027',
];
const QUESTION_OPENERS = [
  'Bent u bekend met', 'Kunt u toelichten hoe het staat met', 'Wat is uw reactie op berichten over',
  'Hoe beoordeelt u', 'Welke maatregelen neemt u ten aanzien van', 'Deelt u de zorg over',
  'In hoeverre bent u bereid te kijken naar', 'Kunt u aangeven wat de gevolgen zijn van',
  'Hoeveel middelen zijn in 2025 besteed aan', 'Op welke wijze betrekt u uw Kamer bij',
];
const QUESTION_FOLLOW_UPS = [
  'Zo ja, welke conclusies verbindt u daaraan?', 'Zo nee, waarom niet?',
  'Kunt u dit per regio uitsplitsen?', 'Wanneer kan uw Kamer een reactie verwachten?',
  'Welke rol ziet u hierbij voor de gemeenten?', 'Hoe verhoudt dit zich tot eerdere toezeggingen?',
];
const EXTRAS = [
  'Het gaat om ongeveer € 45 miljoen per jaar.', 'Daarbij is de „menselijke maat” het uitgangspunt.',
  'De resultaten worden in één overzicht gepubliceerd.', 'Dit geldt ook voor Caribisch Nederland.',
  'De cijfers over 2025 – de meest recente – laten een daling zien.', 'De kosten bedragen circa € 1,2 miljard.',
  'Ik verwijs hierbij naar de beantwoording van eerdere vragen.', 'Het rapport van de Raad van State is hierbij betrokken.',
];
const FOOTNOTES = [
  'Kamerstuk 31 839, nr. 1012.', 'Kamerstuk 36 542, nr. 2.', 'Aanhangsel Handelingen II 2025/26, nr. 1187.',
  'Zie ook https://www.rijksoverheid.nl/documenten/rapporten/2026/03/12/voortgangsrapportage.',
  'Centraal Bureau voor de Statistiek, Statline, geraadpleegd op 3 maart 2026.',
  'Motie van het lid Van der Burg c.s. (Kamerstuk 21 501-02, nr. 3335).',
];
const SOURCES = [
  'NOS, 14 januari 2026 (https://nos.nl/artikel/2600001)', 'De Volkskrant, 2 februari 2026.',
  'NRC, 19 januari 2026; zie ook het commentaar op pagina 4.', 'Trouw, 7 maart 2026.',
  'Omroep Brabant, 11 februari 2026 (https://www.omroepbrabant.nl/nieuws/4510000)',
];
const LIST_ITEMS = [
  'het verbeteren van de registratie', 'een landelijke norm voor het woonoppervlak',
  'extra inspecties in de regio’s met de langste wachttijden', 'een tijdelijke subsidieregeling',
  'afspraken met de netbeheerders over voorrang', 'een onafhankelijke evaluatie na twee jaar',
  'betere voorlichting aan werkgevers', 'een meldpunt voor signalen van misstanden',
];
const MEMBERS = ['Van der Burg', 'Hendriks', 'Öztürk', 'De Vries', 'Bikker', 'Van Dijk', 'Kröger'];

/**
 * The text of a letter with `questions` questions (LF line ends unless `crlf`).
 * @param {LetterOptions} options
 * @returns {string}
 */
export function generateLetter(options) {
  const n = Math.max(0, Math.floor(options.questions));
  const rnd = prng(options.seed ?? 1);
  /** @template T @param {readonly T[]} xs @returns {T} */
  const pick = (xs) => /** @type {T} */ (xs[Math.floor(rnd() * xs.length)]);
  const chance = (/** @type {number} */ p) => rnd() < p;
  const sentence = () => {
    const s = `${pick(SUBJECTS)} ${pick(VERBS)} ${pick(OBJECTS)} ${pick(TAILS)}.`;
    return s[0]?.toUpperCase() + s.slice(1);
  };
  const paragraph = (/** @type {number} */ min, /** @type {number} */ max) => {
    const count = min + Math.floor(rnd() * (max - min + 1));
    const parts = [];
    for (let i = 0; i < count; i++) parts.push(chance(0.2) ? pick(EXTRAS) : sentence());
    return parts.join(' ');
  };

  const member = pick(MEMBERS);
  const subject = options.subject ?? `Beantwoording van ${n === 1 ? 'een vraag' : `${n} vragen`} van het lid ${member} over de uitvoering van het beleid`;
  const lines = [
    '',
    'Aan de Voorzitter van de ',
    'Tweede Kamer der Staten-Generaal',
    'Prinses Irenestraat 6',
    'Den Haag',
    'Datum',
    options.date ?? '12 februari 2026',
    'Betreft',
    subject,
    '',
    '',
    'Ministerie van Binnenlandse Zaken en Koninkrijksrelaties',
    '',
    'Turfmarkt 147',
    '2511 DP Den Haag',
    'Postbus 20011',
    '2500 EA Den Haag',
    'www.rijksoverheid.nl/bzk',
    '',
    'Onze referentie',
    `2026-0000${String(n).padStart(6, '0')}`,
    '',
    'Uw referentie',
    '2026Z01234',
    '',
    'Bijlage(n)',
    '-',
    '',
    '',
    '[image: Logo Rijksoverheid]',
    '',
    '',
    'Ministerie van Binnenlandse Zaken en Koninkrijksrelaties',
    'Pagina 1 van 2',
    '',
    'Geachte voorzitter,',
    '',
    `Hierbij bied ik u de antwoorden aan op de schriftelijke vragen van het lid ${member} over de uitvoering van het beleid. Deze vragen werden ingezonden op 19 januari 2026 met kenmerk 2026Z01234.`,
    '',
    paragraph(2, 4),
    '',
    'Hoogachtend,',
    '',
    'de minister van Binnenlandse Zaken en Koninkrijksrelaties,',
    '',
    '',
    '',
    '',
    '',
    'J.A. de Jong',
    '',
  ];
  if (n === 0) return finish(lines, options);

  lines.push('', `Antwoorden van de minister van Binnenlandse Zaken en Koninkrijksrelaties op vragen van het lid ${member} over de uitvoering van het beleid.`, '');
  let footnote = 0;
  /** @type {string[]} */
  const sources = [];
  for (let k = 1; k <= n; k++) {
    let question = `${pick(QUESTION_OPENERS)} ${pick(OBJECTS)} ${pick(TAILS)}?`;
    if (chance(0.5)) question += ` ${pick(QUESTION_FOLLOW_UPS)}`;
    if (sources.length < 999 && chance(0.25)) {
      sources.push(pick(SOURCES));
      question += `[${sources.length}]`;
    }
    lines.push(`Vraag ${k}`, question, '');
    lines.push(chance(0.3) ? `Antwoord ${k}` : 'Antwoord');
    const paragraphs = 1 + Math.floor(rnd() * 3);
    for (let p = 0; p < paragraphs; p++) {
      let text = paragraph(1, 4);
      if (chance(0.2)) {
        footnote += 1;
        // Word puts the call after the sentence's full stop and the note text at the end of the line.
        text = `${text}[footnoteRef:${footnote}] ${paragraph(1, 1)} [${footnote}:  ${pick(FOOTNOTES)}] `;
      }
      lines.push(text);
      if (p === 0 && chance(0.125)) {
        const ordered = chance(0.4);
        const count = 2 + Math.floor(rnd() * 3);
        lines.push('De maatregelen zijn:');
        for (let i = 1; i <= count; i++) lines.push(`${ordered ? `${i}.` : '-'} ${pick(LIST_ITEMS)}${i === count ? '.' : ';'}`);
      }
      lines.push('');
    }
  }
  sources.forEach((s, i) => lines.push(`[${i + 1}] ${s}`));
  return finish(lines, options);
}

/** @param {string[]} lines @param {LetterOptions} options */
function finish(lines, options) {
  return `${lines.join(options.crlf ? '\r\n' : '\n')}${options.crlf ? '\r\n' : '\n'}`;
}

/**
 * Writes `generateLetter(options)` to `path` (UTF-8) and returns the path.
 * @param {string} path
 * @param {LetterOptions} options
 * @returns {Promise<string>}
 */
export async function writeLetter(path, options) {
  const { writeFile } = await import('node:fs/promises');
  await writeFile(path, generateLetter(options), 'utf8');
  return path;
}

// `node bench/generate-letter.mjs N [SEED]` prints a letter with N questions.
if (process.argv[1] !== undefined && import.meta.url === (await import('node:url')).pathToFileURL(process.argv[1]).href) {
  const questions = Number(process.argv[2] ?? '10');
  const seed = Number(process.argv[3] ?? '1');
  if (!Number.isInteger(questions) || questions < 0 || !Number.isInteger(seed)) {
    process.stderr.write('usage: node bench/generate-letter.mjs QUESTIONS [SEED] > letter.txt\n');
    process.exit(2);
  }
  process.stdout.write(generateLetter({ questions, seed }));
}
