/** Roles a staff member (or an API key acting for the tenant) can hold; one person may hold several. */
export const STAFF_ROLES = ['admin', 'recruiter', 'grader'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
