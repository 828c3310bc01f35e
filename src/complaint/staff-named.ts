import type { Staff, StaffRole } from '../store/community-repo.js';

const ROLES: readonly StaffRole[] = ['service', 'technician', 'supervisor', 'manager'];

/**
 * The staff members a complaint names: by full name (赵敏), or by surname and what residents call
 * their role (孙师傅 is the technician 孙强, 吴主管 the supervisor 吴刚). Unlike praise, which credits
 * nobody when a surname fits two people, a complaint counts both as named: it must never reach the
 * person it is about.
 */
export function staffNamedIn(
  text: string,
  staff: { byRole(role: StaffRole): Staff[] },
  titles: Partial<Record<StaffRole, readonly string[]>>,
): Staff[] {
  return ROLES.flatMap((role) => staff.byRole(role)).filter(
    (s) =>
      text.includes(s.name) || (titles[s.role] ?? []).some((title) => text.includes(`${s.name.slice(0, 1)}${title}`)),
  );
}
