import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ScenarioRunner } from './scenario-commands.js';
import { commandWords, parseScript, renderScript } from './script.js';

const testdata = path.join(path.dirname(fileURLToPath(import.meta.url)), 'testdata');
const rewrite = process.env['GRAPHLB_REWRITE'] === '1';

describe('HA scenarios (GRAPHLB_REWRITE=1 rewrites the expected output for review)', () => {
  const files = fs.readdirSync(testdata).filter((f) => f.endsWith('.txt')).sort();

  it('has scenario files', () => {
    assert.ok(files.length > 0, `no scenario files in ${testdata}`);
  });

  for (const file of files) {
    it(file.replace(/\.txt$/, '').replaceAll('-', ' '), () => {
      const full = path.join(testdata, file);
      const blocks = parseScript(fs.readFileSync(full, 'utf8'), file);
      const runner = new ScenarioRunner();
      const results = blocks.map((block) => {
        const output: string[] = [];
        block.lines.forEach((line, offset) => {
          const words = commandWords(line);
          if (words === undefined) return;
          try {
            output.push(...runner.run(words));
          } catch (error) {
            throw new Error(`${file}:${block.line + offset}: ${line.trim()}: ${(error as Error).message}`, { cause: error });
          }
        });
        return { lines: block.lines, output, expected: block.expected, line: block.line };
      });
      if (rewrite) {
        fs.writeFileSync(full, renderScript(results));
        return;
      }
      for (const result of results) {
        assert.equal(result.output.join('\n'), result.expected.join('\n'), `${file}:${result.line}: output differs`);
      }
    });
  }
});
