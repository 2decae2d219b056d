/**
 * What the HA core reports for logs and metrics. Each event is one pino line as it stands:
 * `event` is the stable field the log and the dashboards key on.
 */
import type { HaRole } from './messages.js';

export type RoleChangeReason =
  | 'elected'
  | 'master_announced'
  | 'higher_epoch'
  | 'lost_majority_contact'
  | 'master_stepped_down';

export type ElectionReason = 'master_suspected' | 'no_master' | 'split_vote';

export type HaEvent =
  | { event: 'role_change'; from: HaRole; to: HaRole; epoch: number; master: number | undefined; reason: RoleChangeReason }
  | { event: 'election'; epoch: number; reason: ElectionReason }
  | { event: 'vote_cast'; epoch: number; candidate: number }
  | { event: 'vote_withheld'; epoch: number; reason: 'no_eligible_candidate' | 'candidate_behind'; candidate: number | undefined }
  | { event: 'member_suspected'; member: number; silentTicks: number }
  | { event: 'member_rejoined'; member: number }
  | { event: 'message_ignored'; from: number; reason: string };
