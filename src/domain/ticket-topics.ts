/** The topic of an emergency ticket opened for someone in despair (不想活了): handled as a person, not a fault. */
export const DISTRESS_TOPIC = 'distress';
