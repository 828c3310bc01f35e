/** The community's people and what they owe: residents, staff with their roles and work profiles, arrears. */
export type StaffRole = 'service' | 'technician' | 'supervisor' | 'manager';

export interface Resident {
  id: string;
  name: string;
  phone: string;
  unitId: string;
  wechatId: string | null;
}

export interface Staff {
  id: string;
  name: string;
  role: StaffRole;
  wechatId: string | null;
  phone: string;
}

/**
 * How a technician works, from the office's staff file; `null` for a column left empty (the
 * policy's default applies: data/technicians.yaml).
 */
export interface WorkProfile {
  /** Repair categories taken. */
  skills: string[] | null;
  /** ISO weekdays worked (1 = Monday). */
  weekdays: number[] | null;
  /** Paged for emergencies, day or night. */
  onCall: boolean | null;
}

export type StaffWithProfile = Staff & WorkProfile;

export type StaffName = Pick<Staff, 'name' | 'role'>;

export interface ArrearsItem {
  unitId: string;
  item: string;
  period: string;
  amountFen: number;
}

export type SaveOutcome = 'added' | 'updated' | 'unchanged';
