/**
 * The logger the Alexa skill writes to: structured, one JSON line per event. The app passes its
 * own; the default writes JSON lines to the console.
 */
export interface AlexaLogger {
  info(event: string, data?: Record<string, unknown>): void;
  error(event: string, data?: Record<string, unknown>): void;
}

/** JSON lines on stdout / stderr. */
export const consoleAlexaLogger: AlexaLogger = {
  info: (event, data = {}) => console.log(JSON.stringify({ level: 'info', event, ...data })),
  error: (event, data = {}) => console.error(JSON.stringify({ level: 'error', event, ...data })),
};
