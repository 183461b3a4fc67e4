/** What every signed-in staff page receives. */
import type { StaffApi } from './staff-api.ts';
import type { StudioApi } from './studio-api.ts';

export interface PageContext {
  api: StaffApi;
  /** The content studio and learning-loop calls (writers; agents get 403). */
  studio: StudioApi;
  /** The signed-in staff member's display name. */
  name: string;
}
