import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { HaStateFile } from '../../../../engine/ha/driver/ha-state-file.js';
import { NodeFileSystem } from '../../../../engine/io/file-system.js';
import { makeTempDir } from '../../../support/temp-dir.js';

describe('HaStateFile', () => {
  const temp = makeTempDir('ha-state');
  after(() => temp.remove());
  const fileSystem = new NodeFileSystem();

  it('reads nothing before the first write', () => {
    assert.deepEqual(new HaStateFile(fileSystem, path.join(temp.dir, 'none.json'), 1).read(), { members: undefined, hardState: undefined });
  });

  it('reads back the members and the hard state it wrote, vote included', () => {
    const file = new HaStateFile(fileSystem, path.join(temp.dir, 'a.json'), 2);
    file.write({ members: [1, 2, 3], hardState: { epoch: 4, votedFor: { epoch: 5, candidate: 1 } } });
    assert.deepEqual(new HaStateFile(fileSystem, file.file, 2).read(), { members: [1, 2, 3], hardState: { epoch: 4, votedFor: { epoch: 5, candidate: 1 } } });
    file.write({ members: undefined, hardState: { epoch: 0, votedFor: undefined } });
    assert.deepEqual(file.read(), { members: undefined, hardState: { epoch: 0, votedFor: undefined } });
    assert.ok(!fs.existsSync(`${file.file}.tmp`), 'written atomically, no temporary file left');
  });

  it('refuses the state of another server id, and a file that is not JSON', () => {
    const file = new HaStateFile(fileSystem, path.join(temp.dir, 'b.json'), 1);
    file.write({ members: [1, 2], hardState: undefined });
    assert.throws(() => new HaStateFile(fileSystem, file.file, 3).read(), /belongs to ha\.server_id 1, not 3/);
    fs.writeFileSync(file.file, '{not json');
    assert.throws(() => file.read(), /not valid JSON/);
  });
});
