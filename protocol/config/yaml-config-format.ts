/**
 * What the shared YAML loader needs to know about one kind of configuration file.
 */
import type { z } from 'zod';
import type { ConfigErrorClass } from './config-error.js';
import type { ConfigSetting } from './config-setting.js';

export interface YamlConfigFormat<T> {
  /** The example file named in messages: `conf/proxy.yaml`. */
  readonly exampleFile: string;
  /** "expected ..." for an empty file or one that is not a mapping. */
  readonly expectedTopLevel: string;
  readonly settings: readonly ConfigSetting[];
  /** Takes the YAML's values with the table's defaults filled in. */
  readonly schema: z.ZodType<T>;
  readonly error: ConfigErrorClass;
}
