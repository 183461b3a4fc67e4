/**
 * A small strict checker for the SSML Mujib emits: well-formed XML (one `<speak>` root, tags
 * nested and closed, attributes quoted and unique, `&` only in known entities, no stray `<`) and
 * only the tags Alexa supports. Returns problems as sentences; an empty list means valid.
 */

/** Tags Alexa's SSML accepts (custom skills). */
export const ALEXA_SSML_TAGS: ReadonlySet<string> = new Set([
  'speak',
  'p',
  's',
  'break',
  'say-as',
  'emphasis',
  'prosody',
  'lang',
  'sub',
  'phoneme',
  'audio',
  'amazon:domain',
  'amazon:effect',
  'amazon:emotion',
  'voice',
  'w',
]);

/** Alexa rejects output speech longer than this many characters. */
export const ALEXA_SSML_MAX_CHARS = 8000;

const TAG = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/y;
const ATTRIBUTE = /([^\s=/>]+)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/g;
const ENTITY = /&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/y;

/**
 * Problems with `ssml` as Alexa output speech: not well-formed, unsupported tags, too long.
 *
 * @example validateSsml('<speak>Hi &amp; bye</speak>') // → []
 */
export function validateSsml(ssml: string): string[] {
  const problems: string[] = [];
  const open: string[] = [];
  let roots = 0;
  let i = 0;
  if (ssml.length > ALEXA_SSML_MAX_CHARS) {
    problems.push(
      `SSML is ${ssml.length} characters; Alexa accepts at most ${ALEXA_SSML_MAX_CHARS}`,
    );
  }
  while (i < ssml.length) {
    const ch = ssml[i];
    if (ch === '<') {
      TAG.lastIndex = i;
      const m = TAG.exec(ssml);
      if (!m) {
        problems.push(`malformed tag or unescaped "<" at offset ${i}`);
        i += 1;
        continue;
      }
      const [whole, closing, name = '', attrs = '', selfClosing] = m;
      if (!ALEXA_SSML_TAGS.has(name)) problems.push(`unsupported tag <${name}> at offset ${i}`);
      if (closing) {
        if (attrs.trim() !== '' || selfClosing) problems.push(`malformed closing tag </${name}>`);
        const expected = open.pop();
        if (expected !== name) {
          problems.push(`</${name}> at offset ${i} does not close <${expected ?? 'nothing'}>`);
        }
      } else {
        checkAttributes(name, attrs, problems);
        if (open.length === 0) {
          roots += 1;
          if (name !== 'speak') problems.push(`root element is <${name}>, expected <speak>`);
        }
        if (!selfClosing) open.push(name);
      }
      i += whole.length;
    } else if (ch === '&') {
      ENTITY.lastIndex = i;
      const m = ENTITY.exec(ssml);
      if (!m) problems.push(`unescaped "&" at offset ${i}`);
      if (open.length === 0) problems.push(`text outside <speak> at offset ${i}`);
      i += m ? m[0].length : 1;
    } else {
      if (open.length === 0 && !/\s/.test(ch ?? '')) {
        problems.push(`text outside <speak> at offset ${i}`);
        const next = ssml.indexOf('<', i);
        i = next === -1 ? ssml.length : next;
        continue;
      }
      i += 1;
    }
  }
  if (roots === 0) problems.push('no <speak> element');
  if (roots > 1) problems.push(`${roots} root elements; expected one <speak>`);
  for (const name of open.reverse()) problems.push(`<${name}> is never closed`);
  return problems;
}

function checkAttributes(tag: string, attrs: string, problems: string[]): void {
  const seen = new Set<string>();
  for (const m of attrs.matchAll(ATTRIBUTE)) {
    const name = m[1] ?? '';
    const value = m[2] ?? m[3] ?? '';
    if (seen.has(name)) problems.push(`duplicate attribute ${name} on <${tag}>`);
    seen.add(name);
    if (/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(value)) {
      problems.push(`unescaped "&" in attribute ${name} of <${tag}>`);
    }
  }
  if (tag === 'break') {
    const time = attrs.match(/time\s*=\s*["']([^"']*)["']/)?.[1];
    if (time !== undefined && !/^\d+(?:\.\d+)?(?:ms|s)$/.test(time)) {
      problems.push(`<break time="${time}"> is not a duration like 300ms or 1s`);
    }
  }
  if (tag === 'say-as' && !seen.has('interpret-as')) {
    problems.push('<say-as> needs an interpret-as attribute');
  }
}
