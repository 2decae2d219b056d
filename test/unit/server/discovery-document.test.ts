import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { requestOrigin } from '../../../engine/http/base-url.js';
import { discoveryDocument as discoveryFor } from '../../../engine/server/discovery-document.js';

const http = { host: '127.0.0.1', port: 7481 };
const bolt = { host: '127.0.0.1', port: 7691 };

function discoveryDocument(host: string | undefined, bound: typeof http, boltAddress: typeof bolt) {
  return discoveryFor(requestOrigin(host === undefined ? {} : { host }, bound), boltAddress);
}

describe('the discovery document', () => {
  it('uses the host the client asked for, keeping the Bolt port', () => {
    const document = discoveryDocument('db.example.com:8080', http, bolt);
    assert.equal(document['transaction'], 'http://db.example.com:8080/db/{databaseName}/tx');
    assert.equal(document['management'], 'http://db.example.com:8080/db/manage/');
    assert.equal(document['data'], 'http://db.example.com:8080/db/data/');
    assert.equal(document['bolt_direct'], 'bolt://db.example.com:7691');
    assert.equal(document['bolt_routing'], 'neo4j://db.example.com:7691');
    assert.equal(document['bolt'], 'bolt://db.example.com:7691');
  });

  it('keeps an IPv6 host in brackets', () => {
    const document = discoveryDocument('[::1]:7481', http, bolt);
    assert.equal(document['transaction'], 'http://[::1]:7481/db/{databaseName}/tx');
    assert.equal(document['bolt_direct'], 'bolt://[::1]:7691');
  });

  it('falls back to the listen addresses without a usable Host header', () => {
    for (const host of [undefined, '', 'evil.com/"><script>', 'a b']) {
      const document = discoveryDocument(host, http, bolt);
      assert.equal(document['transaction'], 'http://127.0.0.1:7481/db/{databaseName}/tx', String(host));
      assert.equal(document['bolt_direct'], 'bolt://127.0.0.1:7691', String(host));
    }
  });

  it('follows X-Forwarded-Host and X-Forwarded-Proto set by a proxy', () => {
    const document = discoveryFor(requestOrigin({ host: '127.0.0.1:7481', 'x-forwarded-host': 'graph.example.com', 'x-forwarded-proto': 'https' }, http), bolt);
    assert.equal(document['transaction'], 'https://graph.example.com/db/{databaseName}/tx');
    assert.equal(document['bolt_direct'], 'bolt://graph.example.com:7691');
  });

  it('has the 4.x and the 3.x keys', () => {
    assert.deepEqual(Object.keys(discoveryDocument(undefined, http, bolt)).sort(), [
      'bolt',
      'bolt_direct',
      'bolt_routing',
      'data',
      'management',
      'neo4j_edition',
      'neo4j_version',
      'transaction',
    ]);
  });
});
