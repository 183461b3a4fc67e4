/** The web build: both bundles and the static pages land in web/dist, the widget stays small. */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildWeb } from '../../../web/build.ts';

describe('web build', () => {
  it('bundles the widget and staff desk and copies the pages, with a widget under 15 KB gzipped', async () => {
    // Act
    const { files, widgetGzipBytes } = await buildWeb();

    // Assess
    const names = files.map((file) => basename(file));
    expect(names).toEqual(
      expect.arrayContaining(['widget.js', 'staff.js', 'index.html', 'staff.html', 'staff.css']),
    );
    expect(widgetGzipBytes).toBeGreaterThan(1_000);
    expect(widgetGzipBytes).toBeLessThan(15 * 1024);
    const widget = await readFile(files.find((f) => basename(f) === 'widget.js') ?? '', 'utf8');
    expect(widget).not.toMatch(/innerHTML|insertAdjacentHTML|document\.write/);
    const index = await readFile(files.find((f) => basename(f) === 'index.html') ?? '', 'utf8');
    expect(index).toContain('<script src="/widget.js"');
  });
});
