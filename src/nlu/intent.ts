/** The intents of DESIGN §3 (`wuye nlu`), shared by the understanding layer and the flows. */
export const INTENTS = [
  'repair',
  'complaint',
  'arrears',
  'card',
  'progress',
  'inquiry',
  'praise',
  'human',
  'greeting',
  'cancel',
  'other',
] as const;

export type Intent = (typeof INTENTS)[number];

export interface Slots {
  time?: string;
  timeEnd?: string;
  unit?: string;
}

export interface Understanding {
  intent: Intent;
  /** 0..1; below the flows' threshold they ask rather than guess. */
  confidence: number;
  slots: Slots;
}
