/** What every signed-in staff page receives. */
import type { StaffApi } from './staff-api.ts';

export interface PageContext {
  api: StaffApi;
  /** The signed-in staff member's display name. */
  name: string;
}
