/**
 * Right-to-left and mixed text in the chat bubbles.
 *
 * A bubble's base direction comes from its language when the bot knows it, else from the script
 * most of its letters are written in: "Apple Pay ما يشتغل عندي" is an Arabic sentence although
 * its first letter is Latin (where `dir="auto"`, which looks at the first letter only, would lay
 * it out left to right).
 *
 * Inside a line, the pieces the Unicode bidi algorithm would otherwise reorder or split are
 * isolated, each in its own `<bdi>`: ticket references (also kept on one line: "MJ-K2FYFQ" must
 * never show as "-MJ / K2FYFQ"), URLs, emails, numbers with units ("200 SAR", "15 دقيقة", also
 * kept on one line) and runs of the other script (English words in Arabic text, Arabic words in
 * English text). `splitBidi` is the pure part (tested in Node); `isolateText` builds the DOM.
 */
export type Dir = 'ltr' | 'rtl';

/** A piece of a line: plain text, or an isolated run that may contain smaller isolated pieces. */
export type BidiPiece =
  string | { kind: 'ref' | 'link' | 'unit' | 'run'; dir: Dir | 'auto'; pieces: BidiPiece[] };

const RTL_LETTER = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}]/u;
const LETTER = /\p{L}/gu;
const LATIN_LETTER = /\p{Script=Latin}/u;
const ARABIC_LETTER = /(?=\p{Script=Arabic})\p{L}/u;

/**
 * The direction of `text` by the script most of its letters are in (the first letter decides a
 * tie); undefined when it has no letters ("12345", "?").
 */
export function textDirection(text: string): Dir | undefined {
  let rtl = 0;
  let ltr = 0;
  let first: Dir | undefined;
  for (const [letter] of text.matchAll(LETTER)) {
    const dir: Dir = RTL_LETTER.test(letter) ? 'rtl' : 'ltr';
    first ??= dir;
    if (dir === 'rtl') rtl += 1;
    else ltr += 1;
  }
  if (rtl === ltr) return first;
  return rtl > ltr ? 'rtl' : 'ltr';
}

export function dirOfLang(lang: string): Dir {
  return /^(ar|he|fa|ur)\b/i.test(lang) ? 'rtl' : 'ltr';
}

// --- the pieces, as regular-expression sources -------------------------------------------------
/** Ticket and order references: MJ-K2FYFQ, NK-4821-7730, T-20481. */
const REF = String.raw`\b[A-Z]{1,4}(?:-[0-9A-Z]{2,})+\b`;
/** A URL, without the sentence's punctuation after it. */
const URL = String.raw`https?:\/\/[^\s<>"'،؛]*[^\s<>"'.,;:!?؟،؛)\]}]`;
const EMAIL = String.raw`[\w.+-]+@[\w-]+(?:\.[\w-]+)+`;
const NUMBER = String.raw`[0-9٠-٩]+(?:[.,٫][0-9٠-٩]+)?(?:\s?[-–]\s?[0-9٠-٩]+(?:[.,٫][0-9٠-٩]+)?)?`;
const UNITS = [
  '%',
  'SAR',
  'AED',
  'KWD',
  'QAR',
  'BHD',
  'OMR',
  'USD',
  'EUR',
  'kg',
  'g',
  'cm',
  'mm',
  'km',
  'ml',
  'KB',
  'MB',
  'GB',
  'min',
  'mins',
  'minutes?',
  'hours?',
  'days?',
  'business days?',
  'working days?',
  'weeks?',
  'months?',
  'ريال',
  'ر\\.س',
  'درهم',
  'دينار',
  'دقيقة',
  'دقائق',
  'ساعة',
  'ساعات',
  'يوم',
  'أيام',
  'يوم عمل',
  'أيام عمل',
  'أسبوع',
  'أسابيع',
  'شهر',
  'أشهر',
]
  .sort((a, b) => b.length - a.length)
  .join('|');
const CURRENCY = 'SAR|AED|KWD|QAR|BHD|OMR|USD|EUR';
/** "200 SAR", "15 دقيقة", "2–5 days", "10%", and "SAR 200". */
const UNIT = String.raw`(?:${NUMBER}\s?(?:${UNITS})(?![\p{L}\p{M}])|\b(?:${CURRENCY})\s?${NUMBER})`;

/** A Latin word, or a URL or email written in one ("e-mail", "help.nakheel.example", "2FA"). */
const LATIN_WORD = String.raw`(?:${URL}|${EMAIL}|[\p{Script=Latin}0-9][\p{Script=Latin}\p{M}0-9]*(?:['’.&+_\/-][\p{Script=Latin}\p{M}0-9]+)*%?)`;
/** Latin words with the spaces and light punctuation between them: "Apple Pay", "iPhone 15 Pro". */
const LATIN_RUN = String.raw`${LATIN_WORD}(?:(?:[ \u00a0]*[,:&+\/][ \u00a0]*|[ \u00a0]+)${LATIN_WORD})*`;
/** An Arabic word; Arabic punctuation (، ؛ ؟) belongs to the run it ends. */
const ARABIC_WORD = String.raw`[\p{Script=Arabic}\p{M}\u200c\u200d]+[،؛؟]?`;
const ARABIC_RUN = String.raw`${ARABIC_WORD}(?:[ \u00a0]+(?:${ARABIC_WORD}|${NUMBER}(?=[ \u00a0]+${ARABIC_WORD})))*`;

const ATOMS = new RegExp(`(${REF})|(${URL}|${EMAIL})|(${UNIT})`, 'gu');
const RUNS: Record<Dir, RegExp> = {
  rtl: new RegExp(LATIN_RUN, 'gu'), // in right-to-left text, runs of Latin words
  ltr: new RegExp(ARABIC_RUN, 'gu'), // in left-to-right text, runs of Arabic words
};
const RUN_LETTER: Record<Dir, RegExp> = { rtl: LATIN_LETTER, ltr: ARABIC_LETTER };

/**
 * Splits one line of text, laid out in `base` direction, into plain text and isolated pieces.
 * Runs of the other script come first (a reference inside an English sentence in Arabic text
 * stays inside that sentence's run); references, links and numbers with units are isolated
 * inside them and in the plain text.
 *
 * @example splitBidi('رقم تذكرتك MJ-K2FYFQ.', 'rtl')
 * // → ['رقم تذكرتك ', { kind: 'ref', dir: 'ltr', pieces: ['MJ-K2FYFQ'] }, '.']
 */
export function splitBidi(text: string, base: Dir): BidiPiece[] {
  const pieces: BidiPiece[] = [];
  let at = 0;
  for (const match of text.matchAll(RUNS[base])) {
    const run = match[0];
    if (!RUN_LETTER[base].test(run)) continue; // digits only: nothing to isolate as a run
    const start = match.index;
    if (start > at) pieces.push(...splitAtoms(text.slice(at, start)));
    const inner = splitAtoms(run);
    const only = inner.length === 1 ? inner[0] : undefined;
    // a run that is one reference or link is that piece, not a piece inside a run
    pieces.push(
      typeof only === 'object'
        ? only
        : { kind: 'run', dir: base === 'rtl' ? 'ltr' : 'rtl', pieces: inner },
    );
    at = start + run.length;
  }
  if (at < text.length) pieces.push(...splitAtoms(text.slice(at)));
  return pieces;
}

function splitAtoms(text: string): BidiPiece[] {
  const pieces: BidiPiece[] = [];
  let at = 0;
  for (const match of text.matchAll(ATOMS)) {
    const [whole, ref, link] = match;
    if (match.index > at) pieces.push(text.slice(at, match.index));
    if (ref) pieces.push({ kind: 'ref', dir: 'ltr', pieces: [whole] });
    else if (link) pieces.push({ kind: 'link', dir: 'ltr', pieces: [whole] });
    else pieces.push({ kind: 'unit', dir: 'auto', pieces: [whole] });
    at = match.index + whole.length;
  }
  if (at < text.length) pieces.push(text.slice(at));
  return pieces;
}

// --- the DOM ----------------------------------------------------------------------------------
/** The nodes for one line of text: text nodes and `<bdi>` elements (never markup from `text`). */
export function isolatedNodes(text: string, base: Dir): Node[] {
  return splitBidi(text, base).map(toNode);
}

function toNode(piece: BidiPiece): Node {
  if (typeof piece === 'string') return document.createTextNode(piece);
  const bdi = document.createElement('bdi');
  bdi.className = piece.kind;
  if (piece.dir !== 'auto') bdi.dir = piece.dir;
  bdi.append(...piece.pieces.map(toNode));
  return bdi;
}

/** Elements whose text is laid out as its own paragraph (they get their own direction). */
const BLOCKS = 'p,li,h4,th,td';

/**
 * Isolates the mixed pieces of every text node under `root`, laid out in `base` direction (or in
 * the `dir` of the element around the text, when it has one). With `ownBlockDirections`, each
 * paragraph (p, li, heading, table cell) first gets the `dir` of its own text, for text whose
 * language nobody knows (a staff member's reply). Code and `<bdi>` are left as they are (the
 * widget's CSS isolates code).
 */
export function isolateText(root: HTMLElement, base: Dir, ownBlockDirections = false): void {
  if (ownBlockDirections) {
    for (const block of root.querySelectorAll<HTMLElement>(BLOCKS)) {
      if (block.querySelector(BLOCKS)) continue; // a list item holding a list: its leaves decide
      const dir = textDirection(block.textContent ?? '');
      if (dir) block.dir = dir;
    }
  }
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) =>
      node.parentElement?.closest('bdi, code, pre')
        ? NodeFilter.FILTER_REJECT
        : NodeFilter.FILTER_ACCEPT,
  });
  const texts: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) texts.push(node as Text);
  for (const node of texts) {
    if (node.data.trim() === '') continue;
    const around = node.parentElement?.closest<HTMLElement>('[dir]')?.dir;
    const pieces = splitBidi(node.data, around === 'ltr' || around === 'rtl' ? around : base);
    if (pieces.length === 1 && typeof pieces[0] === 'string') continue;
    node.replaceWith(...pieces.map(toNode));
  }
}
