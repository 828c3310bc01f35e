import type { AnyStateMachine } from 'xstate';
import { RECEPTION_VERSION, receptionMachine } from './reception.js';

export interface FlowDefinition {
  id: string;
  version: number;
  machine: AnyStateMachine;
}

/** Every conversation flow, by id. A newcomer finds each one in this folder. */
export const FLOWS: Record<string, FlowDefinition> = {
  reception: { id: 'reception', version: RECEPTION_VERSION, machine: receptionMachine },
};

export const ENTRY_FLOW = 'reception';
