import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { haRoleFromAnswer, haStatusAnswer, haStatusEndpointOf, haStatusPaths, type HaRole, type HaStatusEndpoint } from '../../../../protocol/ha/status-endpoints.js';

describe('the HA status endpoints', () => {
  it("answer exactly Neo4j's table", () => {
    const table: Array<[HaStatusEndpoint, HaRole, number, string]> = [
      ['master', 'master', 200, 'true'],
      ['master', 'slave', 404, 'false'],
      ['master', 'unknown', 404, 'UNKNOWN'],
      ['slave', 'master', 404, 'false'],
      ['slave', 'slave', 200, 'true'],
      ['slave', 'unknown', 404, 'UNKNOWN'],
      ['available', 'master', 200, 'master'],
      ['available', 'slave', 200, 'slave'],
      ['available', 'unknown', 404, 'UNKNOWN'],
    ];
    for (const [endpoint, role, status, body] of table) {
      assert.deepEqual(haStatusAnswer(endpoint, role), { status, body }, `${endpoint} as ${role}`);
      assert.equal(haRoleFromAnswer(endpoint, status, `${body}\n`), role, `reading ${endpoint} ${status} ${body}`);
    }
  });

  it('trusts no answer outside the table', () => {
    assert.equal(haRoleFromAnswer('master', 200, 'false'), undefined);
    assert.equal(haRoleFromAnswer('available', 200, '<html>'), undefined);
    assert.equal(haRoleFromAnswer('slave', 500, 'true'), undefined);
  });

  it('names the endpoint of a path', () => {
    assert.equal(haStatusEndpointOf(haStatusPaths.available), 'available');
    assert.equal(haStatusEndpointOf('/db/manage/server/ha/masters'), undefined);
  });
});
