import type { Resident, Staff } from '../store/community-repo.js';
import type { Store } from '../store/store.js';

/** Who wrote: staff get commands, residents (bound or not) get the conversation flows. */
export type Sender =
  | { kind: 'staff'; wechatId: string; staff: Staff }
  | { kind: 'resident'; wechatId: string; residents: readonly Resident[] }
  | { kind: 'unknown'; wechatId: string };

export function identify(store: Store, wechatId: string): Sender {
  const staff = store.community.staffByWechat(wechatId);
  if (staff) return { kind: 'staff', wechatId, staff };
  const residents = store.community.residentsByWechat(wechatId);
  if (residents.length > 0) return { kind: 'resident', wechatId, residents };
  return { kind: 'unknown', wechatId };
}
