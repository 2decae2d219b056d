/**
 * The scenario commands, run against a SimCluster. Each returns its output lines.
 *
 *   cluster N [slave_only=ID,ID] [interval=T] [timeout=T] [backoff=T] [seed=S]
 *   tick N | crash ID | restart ID | pause ID | resume ID
 *   partition A B | C        (members not listed are each cut off alone)
 *   cut A->B [C->D ...]      (messages from A to B are lost, B to A still arrive)
 *   heal                     (ends partitions and cuts)
 *   commit ID TXID           (only a member that can accept writes)
 *   replicated ID TXID       (a slave applied up to TXID)
 *   roles | events | writable | view ID
 */
import { SimCluster } from './sim-cluster.js';

export const DEFAULTS = { interval: 2, timeout: 8, backoff: 4, seed: 1 };

export class ScenarioRunner {
  #cluster: SimCluster | undefined;

  run(words: readonly string[]): string[] {
    const [command, ...args] = words;
    if (command === 'cluster') return this.#startCluster(args);
    const cluster = this.#cluster;
    if (cluster === undefined) throw new Error(`'${command}' before 'cluster N': start a cluster first.`);
    switch (command) {
      case 'tick':
        cluster.tick(number(args[0], 'tick N'));
        return [];
      case 'crash':
        cluster.crash(number(args[0], 'crash ID'));
        return [];
      case 'restart':
        cluster.restart(number(args[0], 'restart ID'));
        return [];
      case 'pause':
        cluster.pause(number(args[0], 'pause ID'));
        return [];
      case 'resume':
        cluster.resume(number(args[0], 'resume ID'));
        return [];
      case 'partition':
        cluster.partition(
          args
            .join(' ')
            .split('|')
            .map((group) => group.trim().split(/\s+/).filter((w) => w !== '').map((w) => number(w, 'partition A B | C'))),
        );
        return [];
      case 'cut':
        for (const link of args) {
          const [from, to] = link.split('->');
          cluster.cut(number(from, 'cut A->B'), number(to, 'cut A->B'));
        }
        return [];
      case 'heal':
        cluster.heal();
        return [];
      case 'commit': {
        const refused = cluster.commit(number(args[0], 'commit ID TXID'), number(args[1], 'commit ID TXID'));
        return refused === undefined ? [] : [refused];
      }
      case 'replicated':
        cluster.replicated(number(args[0], 'replicated ID TXID'), number(args[1], 'replicated ID TXID'));
        return [];
      case 'roles':
        return cluster.roles();
      case 'events':
        return cluster.takeEvents();
      case 'writable':
        return [cluster.writable()];
      case 'view':
        return cluster.view(number(args[0], 'view ID'));
      default:
        throw new Error(`Unknown scenario command '${command}'; see test/scenario/scenario-commands.ts for the list.`);
    }
  }

  #startCluster(args: readonly string[]): string[] {
    const options = { ...DEFAULTS, slaveOnly: [] as number[] };
    const size = number(args[0], 'cluster N');
    for (const arg of args.slice(1)) {
      const [key, value] = arg.split('=');
      if (key === 'slave_only') options.slaveOnly = value!.split(',').map((w) => number(w, 'slave_only=ID,ID'));
      else if (key === 'interval' || key === 'timeout' || key === 'backoff' || key === 'seed') options[key] = number(value, `${key}=N`);
      else throw new Error(`Unknown cluster option '${arg}'; expected slave_only=, interval=, timeout=, backoff= or seed=.`);
    }
    this.#cluster = new SimCluster(size, options);
    return [];
  }
}

function number(word: string | undefined, usage: string): number {
  const value = Number(word);
  if (word === undefined || !Number.isInteger(value)) throw new Error(`Expected a whole number in '${usage}', got '${word ?? ''}'.`);
  return value;
}
