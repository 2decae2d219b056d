import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseBasicAuthorization } from '../../../engine/security/basic-authorization.js';

const basic = (userColonPassword: string): string => `Basic ${Buffer.from(userColonPassword, 'utf8').toString('base64')}`;

describe('Basic authorization headers', () => {
  it('give the user and the password (Neo4j documentation example neo4j:secret)', () => {
    assert.deepEqual(parseBasicAuthorization('Basic bmVvNGo6c2VjcmV0'), { user: 'neo4j', password: 'secret' });
  });

  it('accept the scheme in any case and keep every ":" after the first in the password', () => {
    assert.deepEqual(parseBasicAuthorization(basic('neo4j:a:b:c').replace('Basic', 'bASIC')), { user: 'neo4j', password: 'a:b:c' });
  });

  it('read UTF-8, an empty password and an empty user', () => {
    assert.deepEqual(parseBasicAuthorization(basic('jürgen:pässwört漢')), { user: 'jürgen', password: 'pässwört漢' });
    assert.deepEqual(parseBasicAuthorization(basic('neo4j:')), { user: 'neo4j', password: '' });
    assert.deepEqual(parseBasicAuthorization(basic(':secret')), { user: '', password: 'secret' });
  });

  it('refuse other schemes, broken base64 and credentials without ":"', () => {
    for (const header of [
      'Bearer bmVvNGo6c2VjcmV0',
      'Basic',
      'Basic ',
      'bmVvNGo6c2VjcmV0',
      'Basic bmVvNGo6c2VjcmV0!',
      'Basic bmVvNGo6c2VjcmV',
      basic('neo4jsecret'),
      `${basic('neo4j:secret')} extra`,
    ]) {
      assert.equal(parseBasicAuthorization(header), undefined, header);
    }
  });
});
