/**
 * The HA core's configuration, in ticks. The driver converts ha.heartbeat_interval and
 * ha.heartbeat_timeout from durations to ticks; the core never sees a clock.
 */

export interface HaConfig {
  /** This member's ha.server_id. */
  serverId: number;
  /** Every member's ha.server_id, this one's included. */
  members: readonly number[];
  slaveOnly: boolean;
  heartbeatIntervalTicks: number;
  heartbeatTimeoutTicks: number;
  /** The least wait before a failed election round is retried; a random share of it is added. */
  electionBackoffTicks: number;
}

/** Throws when the configuration cannot give a safe cluster; the message names the setting to fix. */
export function validateHaConfig(config: HaConfig): void {
  const { serverId, members } = config;
  for (const id of [serverId, ...members]) {
    if (!Number.isInteger(id) || id < 0) {
      throw new RangeError(`ha.server_id must be a non-negative integer, got ${id}; give every member a distinct integer id.`);
    }
  }
  if (new Set(members).size !== members.length) {
    throw new RangeError(`Two HA members share an ha.server_id (${members.join(', ')}); give every member a distinct id.`);
  }
  if (!members.includes(serverId)) {
    throw new RangeError(
      `This member's ha.server_id ${serverId} is not among the cluster's members (${members.join(', ')}); list every member, this one included.`,
    );
  }
  positive('heartbeatIntervalTicks (ha.heartbeat_interval)', config.heartbeatIntervalTicks);
  positive('heartbeatTimeoutTicks (ha.heartbeat_timeout)', config.heartbeatTimeoutTicks);
  positive('electionBackoffTicks', config.electionBackoffTicks);
  // The master's write lease is renewed by slaves echoing its heartbeats; with less than two
  // intervals of slack a healthy master would lose its lease between two heartbeats.
  if (config.heartbeatTimeoutTicks < 2 * config.heartbeatIntervalTicks) {
    throw new RangeError(
      `ha.heartbeat_timeout (${config.heartbeatTimeoutTicks} ticks) is below twice ha.heartbeat_interval (${config.heartbeatIntervalTicks} ticks); raise the timeout to at least twice the interval.`,
    );
  }
}

function positive(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(`${name} must be a positive whole number of ticks, got ${value}.`);
  }
}
