/** The dashboard's own styles, adopted once by the page (kept beside the page, not in staff.css). */
const CSS = `
.tiles { display: grid; grid-template-columns: repeat(auto-fill, minmax(170px, 1fr)); gap: 10px; }
.tile { background: #fff; border: 1px solid #dbe2de; border-radius: 10px; padding: 10px 12px; display: flex; flex-direction: column; }
.tile .value { font-size: 22px; font-weight: 700; color: #13352a; }
.tile .label { font-size: 13px; color: #48564f; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(480px, 100%), 1fr)); gap: 12px; }
.chart-card { margin: 0; background: #fff; border: 1px solid #dbe2de; border-radius: 10px; padding: 10px 12px; }
.chart-card figcaption { font-weight: 600; margin-bottom: 4px; }
.chart-card svg { width: 100%; height: auto; display: block; }
.legend { list-style: none; display: flex; gap: 14px; padding: 0; margin: 4px 0; font-size: 13px; }
.legend .swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-inline-end: 5px; }
.chart-card details { font-size: 13px; }
table.data { border-collapse: collapse; margin-top: 6px; }
table.data th, table.data td { padding: 2px 8px; border-bottom: 1px solid #e7ecea; text-align: end; }
table.data caption { text-align: start; color: #6b7771; }
.gap-clusters ul.examples { margin: 0; padding-inline-start: 18px; }
.exports { display: flex; flex-wrap: wrap; gap: 8px; margin: 6px 0 14px; }
.exports button.csv { font-size: 13px; }
.desk-section h3 { font-size: 15px; margin: 14px 0 4px; }
.desk-section .tiles { margin-bottom: 10px; }
.desk-section p.definition { max-width: 70ch; }
table.desk-table { display: block; max-width: 100%; overflow-x: auto; }
ul.on-shift { display: flex; flex-wrap: wrap; gap: 6px 16px; list-style: none; padding: 0; }
`;

let sheet: CSSStyleSheet | undefined;

/**
 * Adopts the dashboard's stylesheet into the page once. A constructable stylesheet is allowed by
 * the desk's CSP (`style-src 'self'`), where a `<style>` element would need 'unsafe-inline'.
 */
export function addDashboardStyles(): void {
  if (sheet && document.adoptedStyleSheets.includes(sheet)) return;
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
  }
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}
