/** The parts of a unit as read: building upper case, entrance and room as numbers without leading zeros. */
export interface UnitParts {
  building?: string;
  entrance?: string;
  room?: string;
}

/** The canonical id `3-2-1201` once all three parts are known (a unit may be given in pieces: 3栋1201, then 2单元). */
export function unitIdOf(parts: UnitParts): string | undefined {
  return parts.building && parts.entrance && parts.room
    ? `${parts.building}-${parts.entrance}-${parts.room}`
    : undefined;
}
