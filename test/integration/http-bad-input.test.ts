/**
 * Bad input against a real engine: each gets a clear Neo4j error or HTTP status, and the
 * engine keeps serving other clients afterwards (checked after every case).
 */
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, afterEach, before, describe, it } from 'node:test';
import { HttpEngine, transactionIdOf } from './http-engine.js';

const maxBody = 64 * 1024;

/** Sends raw bytes and collects what comes back until `done` says the answer is complete or the socket closes (bounded). */
function rawExchange(port: number, bytes: string, done: (answer: string) => boolean = () => false): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(bytes));
    let answer = '';
    const finish = (): void => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(10_000, () => socket.destroy(new Error(`no complete answer within 10 s; got ${JSON.stringify(answer)}`)));
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString('utf8');
      if (done(answer)) finish();
    });
    socket.on('end', finish);
    socket.on('error', (error: NodeJS.ErrnoException) => (answer === '' ? reject(error) : finish()));
  });
}

function completeResponse(answer: string): boolean {
  const split = answer.indexOf('\r\n\r\n');
  const length = /content-length: (\d+)/i.exec(answer);
  return split >= 0 && length !== null && answer.length - split - 4 >= Number(length[1]);
}

describe('bad input to the HTTP API', () => {
  let engine: HttpEngine;

  before(async () => {
    engine = await HttpEngine.start({ 'graphlb.http.max_request_body_size': '64k' });
  });

  afterEach(async () => {
    const answer = await engine.post('/db/neo4j/tx/commit', { statements: [{ statement: 'RETURN 1' }] });
    assert.deepEqual(answer.json.errors, [], `the engine still serves: ${answer.text}`);
  });

  after(async () => {
    await engine.stop();
  });

  it('answers malformed JSON with 200 and InvalidFormat saying where, as Neo4j does', async () => {
    const answer = await engine.request('POST', '/db/neo4j/tx/commit', { body: '{"statements": [{"statement": "RETURN 1"}' });
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.json.results, []);
    assert.equal(answer.json.errors[0]?.code, 'Neo.ClientError.Request.InvalidFormat');
    assert.match(answer.json.errors[0]?.message ?? '', /^Unable to deserialize request: the body is not valid JSON: unexpected end of the input at line 1, column 42 \(offset 41\); expected ',' or '\]'$/);
  });

  it('answers malformed JSON on a begin with 201 and the transaction already rolled back', async () => {
    const answer = await engine.request('POST', '/db/data/transaction', { body: 'not json' });
    assert.equal(answer.status, 201);
    assert.equal(answer.json.errors[0]?.code, 'Neo.ClientError.Request.InvalidFormat');
    assert.equal(answer.json.transaction, undefined);
    assert.equal((await engine.post(`/db/data/transaction/${transactionIdOf(answer.headers.location)}`, {})).status, 404);
  });

  it('answers a wrong shape with InvalidFormat naming the field, and rolls back an open transaction', async () => {
    const begun = await engine.post('/db/neo4j/tx', { statements: [{ statement: 'CREATE (:Shape)' }] });
    const id = transactionIdOf(begun.headers.location);
    const answer = await engine.post(`/db/neo4j/tx/${id}`, { statements: [{ statement: 'RETURN 1', parameters: [1, 2] }] });
    assert.equal(answer.status, 200);
    assert.equal(answer.json.errors[0]?.code, 'Neo.ClientError.Request.InvalidFormat');
    assert.match(answer.json.errors[0]?.message ?? '', /the 'parameters' of statement 1 are an array; expected an object/);
    assert.equal((await engine.post(`/db/neo4j/tx/${id}`, {})).status, 404);
    const misspelt = await engine.post('/db/neo4j/tx/commit', { statement: 'RETURN 1' });
    assert.match(misspelt.json.errors[0]?.message ?? '', /unknown field 'statement'; expected 'statements'/);
  });

  it('refuses deeply nested parameters with a clear InvalidFormat', async () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const answer = await engine.request('POST', '/db/neo4j/tx/commit', { body: `{"statements":[{"statement":"RETURN $p","parameters":{"p":${deep}}}]}` });
    assert.equal(answer.status, 200);
    assert.equal(answer.json.errors[0]?.code, 'Neo.ClientError.Request.InvalidFormat');
    assert.match(answer.json.errors[0]?.message ?? '', /nested 101 levels deep .*expected at most 100 levels of nesting/);
  });

  it('refuses a body that is not UTF-8', async () => {
    const answer = await engine.request('POST', '/db/neo4j/tx/commit', { body: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]) });
    assert.equal(answer.json.errors[0]?.code, 'Neo.ClientError.Request.InvalidFormat');
    assert.match(answer.json.errors[0]?.message ?? '', /not valid UTF-8/);
  });

  it('answers a body announced larger than graphlb.http.max_request_body_size with 413 before reading it, and closes that connection', async () => {
    const head = `POST /db/neo4j/tx/commit HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${maxBody + 1}\r\n\r\n`;
    const answer = await rawExchange(engine.port, `${head}{"statements":[`, completeResponse);
    assert.match(answer, /^HTTP\/1\.1 413 /);
    assert.match(answer, /\r\nconnection: close\r\n/i);
    const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as { errors: { code: string; message: string }[] };
    assert.equal(body.errors[0]?.code, 'Neo.ClientError.Request.Invalid');
    assert.match(body.errors[0]?.message ?? '', /larger than 65536 bytes.*graphlb\.http\.max_request_body_size/);
  });

  it('answers 413 to a chunked body once it passes the limit, and to Expect: 100-continue without inviting the body', async () => {
    const chunk = 'x'.repeat(16 * 1024);
    const chunks = Array.from({ length: 5 }, () => `${chunk.length.toString(16)}\r\n${chunk}\r\n`).join('');
    const chunked = await rawExchange(
      engine.port,
      `POST /db/neo4j/tx/commit HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n${chunks}`,
      completeResponse,
    );
    assert.match(chunked, /^HTTP\/1\.1 413 /);
    const expecting = await rawExchange(
      engine.port,
      `POST /db/neo4j/tx/commit HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${maxBody * 10}\r\nExpect: 100-continue\r\n\r\n`,
      completeResponse,
    );
    assert.match(expecting, /^HTTP\/1\.1 413 /, 'no 100 Continue first');
    const small = JSON.stringify({ statements: [{ statement: 'RETURN 1' }] });
    const invited = await rawExchange(
      engine.port,
      `POST /db/neo4j/tx/commit HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${small.length}\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n${small}`,
      (text) => completeResponse(text.slice(text.indexOf('HTTP/1.1 200'))),
    );
    assert.match(invited, /^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 200 /);
  });

  it('keeps serving others while a client sends half its headers and stalls', async () => {
    const stalled = net.connect(engine.port, '127.0.0.1');
    try {
      await new Promise<void>((resolve, reject) => {
        stalled.once('connect', () => stalled.write('POST /db/neo4j/tx/commit HTTP/1.1\r\nHost: x\r\nContent-Ty', () => resolve()));
        stalled.once('error', reject);
      });
      const served = await engine.post('/db/neo4j/tx/commit', { statements: [{ statement: 'RETURN 2' }] });
      assert.deepEqual(served.json.results[0]?.data[0]?.row, [2]);
      assert.ok(!stalled.destroyed, 'the stalled client is still connected: it costs only its socket');
    } finally {
      stalled.destroy();
    }
  });

  it('answers a huge UNWIND with a clear error instead of running out of memory', async () => {
    const answer = await engine.post('/db/neo4j/tx/commit', { statements: [{ statement: 'UNWIND range(1, 3000000) AS x RETURN x' }] }, {});
    assert.equal(answer.status, 200);
    assert.equal(answer.json.errors.length, 1, answer.text.slice(0, 500));
    assert.equal(answer.json.errors[0]?.code, 'Neo.TransientError.General.MemoryPoolOutOfMemoryError');
    assert.ok((answer.json.errors[0]?.message ?? '').length > 20);
  });

  it('answers other methods and unknown transaction URLs with Neo4j errors', async () => {
    const get = await engine.request('GET', '/db/data/transaction/commit');
    assert.equal(get.status, 405);
    assert.equal(get.json.errors[0]?.code, 'Neo.ClientError.Request.Invalid');
    const unknown = await engine.request('DELETE', '/db/data/transaction/424242');
    assert.equal(unknown.status, 404);
    assert.equal(unknown.json.errors[0]?.code, 'Neo.ClientError.Transaction.TransactionNotFound');
  });
});
