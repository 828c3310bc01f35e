/** The topic of an emergency ticket opened for someone in despair (不想活了): handled as a person, not a fault. */
export const DISTRESS_TOPIC = 'distress';

/** The event naming the staff a complaint is about: read by the repair schedule to send someone else to that home. */
export const COMPLAINED_OF = 'staff_complained_of';
