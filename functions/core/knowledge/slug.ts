/**
 * GitHub-style heading slugs ("Reset your password!" → `reset-your-password`), for section ids
 * and `#anchor` links. Letters of any script are kept (Arabic headings get Arabic slugs).
 */

/** Slug of one heading, without de-duplication. */
export function slugify(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/**
 * Hands out unique slugs within one article: the second "Steps" becomes `steps-1`, like GitHub.
 * @example const slugs = createSlugger(); slugs('Steps'); slugs('Steps') // 'steps', 'steps-1'
 */
export function createSlugger(): (heading: string) => string {
  const seen = new Map<string, number>();
  return (heading) => {
    const base = slugify(heading);
    let slug = base;
    let count = seen.get(base) ?? 0;
    while (seen.has(slug)) {
      count += 1;
      slug = `${base}-${count}`;
    }
    seen.set(base, count);
    seen.set(slug, 0);
    return slug;
  };
}
