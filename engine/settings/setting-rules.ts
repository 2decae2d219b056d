/**
 * The rules between settings that are each valid on their own. A broken rule is
 * reported at the line of the setting the user most likely has to change.
 */
import { formatDuration } from './duration.js';
import type { LoadedSettings } from './load-settings.js';
import { SettingsError } from './settings-error.js';

/** Throws {@link SettingsError} for the first rule `loaded` breaks. */
export function checkSettingRules(loaded: LoadedSettings): void {
  checkHeartbeat(loaded);
  checkHaRequirements(loaded);
}

/**
 * A timeout below two intervals declares a peer dead after a single late heartbeat,
 * and a cluster that does that re-elects on every GC pause.
 */
function checkHeartbeat({ file, values, sources }: LoadedSettings): void {
  const interval = values['ha.heartbeat_interval'];
  const timeout = values['ha.heartbeat_timeout'];
  if (timeout >= 2 * interval) return;
  const timeoutSource = sources.get('ha.heartbeat_timeout');
  const intervalSource = sources.get('ha.heartbeat_interval');
  // Blame the timeout when the file sets it; otherwise the interval made the default timeout too short.
  const blamesTimeout = timeoutSource !== undefined || intervalSource === undefined;
  const where = (line: number | undefined): string => (line === undefined ? 'default' : `line ${line}`);
  throw new SettingsError({
    code: 'SETTINGS_CONFLICT',
    file,
    line: blamesTimeout ? timeoutSource?.line : intervalSource?.line,
    key: blamesTimeout ? 'ha.heartbeat_timeout' : 'ha.heartbeat_interval',
    value: blamesTimeout ? (timeoutSource?.text ?? formatDuration(timeout)) : intervalSource.text,
    problem: blamesTimeout
      ? `less than twice ha.heartbeat_interval (${formatDuration(interval)}, ${where(intervalSource?.line)})`
      : `more than half of ha.heartbeat_timeout (${formatDuration(timeout)}, default)`,
    expected: blamesTimeout
      ? `ha.heartbeat_timeout of at least ${formatDuration(2 * interval)}`
      : `ha.heartbeat_interval of at most ${formatDuration(Math.floor(timeout / 2))}`,
    hint: 'a shorter timeout declares a member dead after a single late heartbeat',
  });
}

function checkHaRequirements({ file, values, sources }: LoadedSettings): void {
  if (values['dbms.mode'] !== 'HA') return;
  const required = ['ha.server_id', 'ha.initial_hosts', 'ha.cluster_secret'] as const;
  const missing = required.filter((name) => values[name] === undefined);
  if (missing.length === 0) return;
  throw new SettingsError({
    code: 'SETTINGS_CONFLICT',
    file,
    line: sources.get('dbms.mode')?.line,
    key: 'dbms.mode',
    value: sources.get('dbms.mode')?.text,
    problem: `${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} not set`,
    expected: `${required.join(', ')} to be set whenever dbms.mode=HA`,
    hint: 'add the missing settings or set dbms.mode=SINGLE',
  });
}
