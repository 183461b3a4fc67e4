/** The widget's CSS, scoped by its shadow root (the host page's styles do not leak in or out). */
export const WIDGET_CSS = `
:host{all:initial;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:#1d2521}
*{box-sizing:border-box}
button,input{font:inherit}
.launcher{position:fixed;bottom:20px;inset-inline-end:20px;z-index:2147483000;width:60px;height:60px;border-radius:50%;border:0;background:#0f6b4f;color:#fff;cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.25);display:grid;place-items:center}
.launcher svg{width:28px;height:28px;fill:currentColor}
.launcher .dot{position:absolute;top:6px;inset-inline-end:6px;width:12px;height:12px;border-radius:50%;background:#e0a100;border:2px solid #fff}
:focus-visible{outline:3px solid #e0a100;outline-offset:2px}
.panel{position:fixed;bottom:92px;inset-inline-end:20px;z-index:2147483001;width:min(380px,calc(100vw - 24px));height:min(560px,calc(100vh - 110px));display:flex;flex-direction:column;background:#fff;border-radius:14px;box-shadow:0 10px 36px rgba(0,0,0,.28);overflow:hidden}
.panel[hidden]{display:none}
header{display:flex;align-items:center;justify-content:space-between;padding:12px 14px;background:#0f6b4f;color:#fff}
header h2{margin:0;font-size:16px;font-weight:600}
.close{background:transparent;border:0;color:#fff;font-size:22px;line-height:1;cursor:pointer;padding:2px 8px;border-radius:6px}
.log{flex:1;overflow-y:auto;padding:12px;display:flex;flex-direction:column;gap:10px;background:#f5f7f6}
.msg{max-width:88%;padding:8px 12px;border-radius:12px;background:#fff;border:1px solid #dfe5e2;overflow-wrap:anywhere}
.msg.user{align-self:flex-end;background:#0f6b4f;color:#fff;border-color:#0f6b4f}
.msg.bot,.msg.staff{align-self:flex-start}
.msg.staff{border-color:#e0a100;background:#fff9e8}
.msg.error{border-color:#b3261e;color:#b3261e}
.who{display:block;font-size:12px;font-weight:600;color:#56625c;margin-bottom:2px}
.msg p,.msg ul,.msg ol,.msg pre,.msg h4{margin:0 0 6px}
.msg>:last-child{margin-bottom:0}
.msg ul,.msg ol{padding-inline-start:20px}
.msg h4{font-size:15px}
.msg code{font-family:ui-monospace,monospace;background:#eef2f0;padding:0 3px;border-radius:4px}
.msg pre{white-space:pre-wrap}
.msg a{color:#0b5a42}
.msg table{display:block;max-width:100%;overflow-x:auto;border-collapse:collapse;margin:0 0 6px;font-size:14px}
.msg th,.msg td{border:1px solid #dfe5e2;padding:3px 6px;text-align:start;vertical-align:top}
.msg th{background:#eef2f0}
.msg .notice{font-size:13px;color:#56625c;margin:0 0 4px}
.article{display:inline-block;margin-top:6px;font-weight:600}
.row{display:flex;flex-wrap:wrap;gap:6px;margin-top:8px;align-items:center}
.chip,.thumb,.small{border:1px solid #0f6b4f;background:#fff;color:#0f6b4f;border-radius:16px;padding:4px 10px;cursor:pointer}
.chip:hover,.thumb:hover{background:#e7f2ee}
.thumb{display:grid;place-items:center;width:34px;height:30px;padding:0}
.thumb svg{width:16px;height:16px;fill:currentColor}
.thumb[aria-pressed=true]{background:#0f6b4f;color:#fff}
button:disabled{opacity:.6;cursor:default}
.ref{font-weight:700;font-family:ui-monospace,monospace;white-space:nowrap}
bdi{unicode-bidi:isolate}
.unit{white-space:nowrap}
.msg code{unicode-bidi:plaintext}
.email{display:flex;flex-direction:column;gap:4px;margin-top:8px}
.email label{font-size:13px;color:#56625c}
.email input{padding:6px 8px;border:1px solid #b9c4bf;border-radius:8px}
.note{font-size:13px;color:#56625c}
.thinking{align-self:flex-start;color:#56625c;font-style:italic;font-size:14px}
form.ask{display:flex;gap:8px;padding:10px;border-top:1px solid #dfe5e2;background:#fff}
form.ask input{flex:1;min-width:0;padding:9px 12px;border:1px solid #b9c4bf;border-radius:20px}
form.ask input:placeholder-shown{direction:inherit}
.send{border:0;background:#0f6b4f;color:#fff;border-radius:20px;padding:0 16px;cursor:pointer}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.csat fieldset{border:0;margin:0;padding:0;min-width:0}
.csat legend{padding:0;margin-bottom:4px}
.stars{display:flex;gap:2px}
.star{position:relative;cursor:pointer;border-radius:6px}
.star-input{position:absolute;inset:0;width:100%;height:100%;margin:0;opacity:0;cursor:pointer}
.star .glyph{display:block;font-size:28px;line-height:1;padding:2px 3px;color:#b9c4bf}
.star.on .glyph{color:#e0a100}
.star:has(.star-input:focus-visible){outline:3px solid #e0a100;outline-offset:1px}
.star-input:disabled{cursor:default}
`;
