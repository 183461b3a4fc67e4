/**
 * The one place that loads Lunr and lunr-languages. The plugins are registered once, in the
 * order they require (stemmer.support → ar → multi). lunr.ar breaks under strict-mode
 * evaluation (esbuild adds "use strict"), so it is loaded through `createRequire` from
 * node_modules at run time rather than imported; the bundle keeps lunr-languages external.
 */
import { createRequire } from 'node:module';
import lunr from 'lunr';

type LunrPlugin = (l: typeof lunr) => void;

interface LunrWithArabic {
  ar?: { stemmer: (token: lunr.Token) => lunr.Token | undefined };
}

let registered = false;

/** Lunr with the Arabic plugins registered (idempotent). */
export function setupLunr(): typeof lunr {
  if (registered) return lunr;
  const require = createRequire(import.meta.url);
  const support = require('lunr-languages/lunr.stemmer.support.js') as LunrPlugin;
  const ar = require('lunr-languages/lunr.ar.js') as LunrPlugin;
  const multi = require('lunr-languages/lunr.multi.js') as LunrPlugin;
  support(lunr);
  ar(lunr);
  multi(lunr);
  registered = true;
  return lunr;
}

/** English Porter stem (Lunr's built-in stemmer). */
export function stemEnglish(word: string): string {
  const l = setupLunr();
  return l.stemmer(new l.Token(word, {})).toString();
}

/** Arabic root-style stem from lunr-languages (aggressive; used as a secondary field). */
export function stemArabicRoot(word: string): string {
  const l = setupLunr() as typeof lunr & LunrWithArabic;
  const out = l.ar?.stemmer(new l.Token(word, {}));
  return out ? out.toString() : word;
}
