import type { AnyStateMachine } from 'xstate';
import { RECEPTION_VERSION, receptionMachine } from './reception.js';
import { REPAIR_VERSION, repairMachine } from './repair.js';
import { COMPLAINT_VERSION, complaintMachine } from './complaint.js';
import { CARD_VERSION, cardMachine } from './card.js';
import { EMERGENCY_VERSION, emergencyMachine } from './emergency.js';

export interface FlowDefinition {
  id: string;
  version: number;
  machine: AnyStateMachine;
}

/** Every conversation flow, by id. A newcomer finds each one in this folder. */
export const FLOWS: Record<string, FlowDefinition> = {
  reception: { id: 'reception', version: RECEPTION_VERSION, machine: receptionMachine },
  repair: { id: 'repair', version: REPAIR_VERSION, machine: repairMachine },
  complaint: { id: 'complaint', version: COMPLAINT_VERSION, machine: complaintMachine },
  card: { id: 'card', version: CARD_VERSION, machine: cardMachine },
  emergency: { id: 'emergency', version: EMERGENCY_VERSION, machine: emergencyMachine },
};

export const ENTRY_FLOW = 'reception';
