/**
 * The signed-in staff member: the bearer token and display name, kept in sessionStorage (gone
 * when the tab closes), plus a one-shot message for the sign-in page ("session ended").
 */
export interface StaffCredentials {
  token: string;
  name: string;
}

const KEY = 'mujib.staff';
const FLASH_KEY = 'mujib.staff.flash';

export function loadCredentials(): StaffCredentials | undefined {
  try {
    const parsed = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Partial<StaffCredentials>;
    return parsed && typeof parsed.token === 'string' && typeof parsed.name === 'string'
      ? { token: parsed.token, name: parsed.name }
      : undefined;
  } catch {
    return undefined;
  }
}

export function saveCredentials(credentials: StaffCredentials): void {
  sessionStorage.setItem(KEY, JSON.stringify(credentials));
}

export function clearCredentials(): void {
  sessionStorage.removeItem(KEY);
}

export function setFlash(message: string): void {
  sessionStorage.setItem(FLASH_KEY, message);
}

/** The pending sign-in message, removed once read. */
export function takeFlash(): string | undefined {
  const message = sessionStorage.getItem(FLASH_KEY) ?? undefined;
  sessionStorage.removeItem(FLASH_KEY);
  return message;
}
